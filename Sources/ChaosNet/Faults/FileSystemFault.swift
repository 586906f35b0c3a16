/// A file-system fault as data: what goes wrong on the disk (`kind`), for which share of operations (`toxicity`) and
/// when (`activity`). The world's `FaultPlan` schedules it beside the network's faults and answers the file system's
/// questions ("may this operation proceed?", "how full may the disk get now?", "how slow is it now?") from it.
public struct FileSystemFault: Sendable, Equatable, CustomStringConvertible {
    /// A unique name among all the plan's faults, network ones included: traces and reports use it alone.
    public var name: String
    public var kind: FileSystemFaultKind
    /// For `operationError` and `slowMetadata`: the probability, drawn per operation, that the fault acts on a
    /// matching operation while active. `diskFull` and `powerLoss` act on the whole machine and take no toxicity
    /// (it must be 1): a disk is full or not.
    public var toxicity: Double
    public var activity: FaultActivity

    public init(name: String, kind: FileSystemFaultKind, toxicity: Double = 1, activity: FaultActivity = .always) {
        precondition((0...1).contains(toxicity), "toxicity must lie in 0...1, got \(toxicity)")
        precondition(toxicity == 1 || kind.takesToxicity, "\(kind.name) acts on the whole machine: toxicity must be 1")
        self.name = name
        self.kind = kind
        self.toxicity = toxicity
        self.activity = activity
    }

    public var description: String {
        let share = toxicity < 1 ? ", toxicity \(toxicity)" : ""
        return "\(name): \(kind) on the file system\(share), \(activity)"
    }
}

/// The kinds of file-system fault.
public enum FileSystemFaultKind: Sendable, Equatable, CustomStringConvertible {
    /// Matching operations throw `error`: the first `skipCount` matches pass, then each further match fails (with the
    /// fault's toxicity) until it has failed `fireCountMax` times. "The third write fails with ENOSPC" is
    /// `skipCount: 2, fireCountMax: 1`.
    case operationError(FailingOperations)
    /// The disk holds at most `capacityBytes` of file contents while active: writes beyond fail with ENOSPC.
    case diskFull(capacityBytes: Int)
    /// Operations cost `latency` instead of the file system's own profile while active.
    case slowMetadata(SimFileSystem.Latency)
    /// The device stops completing I/O while active: every operation started in an episode waits for its end before
    /// it costs what it costs. Writes stall too, as they do on a hung volume or once the page cache's dirty limit is
    /// reached, so work that writes piles up behind the stall.
    case stall
    /// The machine loses power at the start of each active period (unsynced data is gone) and is back at its end.
    /// The world applies it (it stops the processes too); the plan says when.
    case powerLoss

    /// Which operations, where, fail with what, and how often.
    public struct FailingOperations: Sendable, Equatable {
        /// The operation kinds that match (membership only; never iterated).
        public var operations: Set<SimFileSystem.OperationKind>
        /// A normalised path; operations on it or below it (whole components) match.
        public var pathPrefix: String
        public var error: SimFileSystem.InjectedError
        public var skipCount: Int
        /// Nil for no limit.
        public var fireCountMax: Int?

        public init(
            _ operations: Set<SimFileSystem.OperationKind>, pathPrefix: String = "/",
            error: SimFileSystem.InjectedError, skipCount: Int = 0, fireCountMax: Int? = nil
        ) {
            precondition(!operations.isEmpty, "a failing-operations fault needs at least one operation kind")
            precondition(skipCount >= 0 && (fireCountMax ?? 0) >= 0, "negative counts")
            guard let prefix = try? FileSystemPath.normalize(pathPrefix) else {
                preconditionFailure("invalid path prefix: \(pathPrefix)")
            }
            self.operations = operations
            self.pathPrefix = prefix
            self.error = error
            self.skipCount = skipCount
            self.fireCountMax = fireCountMax
        }

        func matches(_ kind: SimFileSystem.OperationKind, paths: [String]) -> Bool {
            operations.contains(kind) && paths.contains { FileSystemPath.isPrefix(pathPrefix, of: $0) }
        }
    }

    /// Whether a toxicity below 1 means something for this kind (see `FileSystemFault.toxicity`).
    public var takesToxicity: Bool {
        switch self {
        case .operationError, .slowMetadata: true
        case .diskFull, .powerLoss, .stall: false
        }
    }

    /// The kind's name in scenario files and traces: `operation_error`, `disk_full`, `slow_metadata`, `stall`,
    /// `crash`.
    public var name: String {
        switch self {
        case .operationError: "operation_error"
        case .diskFull: "disk_full"
        case .slowMetadata: "slow_metadata"
        case .stall: "stall"
        case .powerLoss: "crash"
        }
    }

    public var description: String {
        switch self {
        case let .operationError(failing):
            let operations = failing.operations.map(\.rawValue).sorted().joined(separator: ", ")
            let limit = failing.fireCountMax.map { ", at most \($0) times" } ?? ""
            let skip = failing.skipCount > 0 ? " after \(failing.skipCount) matches" : ""
            return "operation_error([\(operations)] under \(failing.pathPrefix) with \(failing.error)\(skip)\(limit))"
        case let .diskFull(capacity): return "disk_full(\(capacity) B)"
        case .slowMetadata: return "slow_metadata"
        case .stall: return "stall"
        case .powerLoss: return "crash(power loss)"
        }
    }
}
