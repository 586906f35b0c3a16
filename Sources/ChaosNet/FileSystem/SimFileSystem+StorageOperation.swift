extension SimFileSystem {
    /// The operations a mount's storage profile charges, named after the NFSv3 procedures (RFC 1813) they stand for.
    /// A local or overlay mount counts the same kinds, so that one report compares both sides of a copy.
    public enum StorageOperation: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case lookup
        case getattr
        case access
        /// CREATE (v3), or an OPEN that creates (v4).
        case create
        case setattr
        case write
        case commit
        /// The v4 CLOSE; a v3 close sends nothing of its own (its flush is a COMMIT).
        case close
        case rename
        case mkdir
        case symlink
        case readlink
        case readdir
        case read
        case remove

        public var description: String {
            switch self {
            case .lookup: "LOOKUP"
            case .getattr: "GETATTR"
            case .access: "ACCESS"
            case .create: "CREATE"
            case .setattr: "SETATTR"
            case .write: "WRITE"
            case .commit: "COMMIT"
            case .close: "CLOSE"
            case .rename: "RENAME"
            case .mkdir: "MKDIR"
            case .symlink: "SYMLINK"
            case .readlink: "READLINK"
            case .readdir: "READDIR"
            case .read: "READ"
            case .remove: "REMOVE"
            }
        }
    }

    /// How many operations of each kind one mount was charged, failed or not.
    public struct StorageOperationCounts: Sendable, Equatable {
        private var counts = [Int](repeating: 0, count: StorageOperation.allCases.count)

        public init() {}

        public subscript(operation: StorageOperation) -> Int {
            get { counts[operation.rawValue] }
            set { counts[operation.rawValue] = newValue }
        }

        /// Every operation together.
        public var total: Int { counts.reduce(0, +) }

        /// The non-zero counts by procedure name, in the enum's order: what reports and traces print.
        public var nonZero: [(name: String, count: Int)] {
            StorageOperation.allCases.compactMap {
                counts[$0.rawValue] > 0 ? ($0.description, counts[$0.rawValue]) : nil
            }
        }

        /// The counts accumulated since `earlier`, for one step of a longer run.
        public func since(_ earlier: StorageOperationCounts) -> StorageOperationCounts {
            var difference = StorageOperationCounts()
            for index in counts.indices { difference.counts[index] = counts[index] - earlier.counts[index] }
            return difference
        }
    }
}
