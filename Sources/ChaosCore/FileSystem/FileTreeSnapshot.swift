/// The whole tree below a directory as a value: every entry with its kind, permission bits, size, a content digest
/// and a symlink's target, sorted by path bytes. Invariant checkers compare snapshots ("no partial service
/// directories", "no staging leftovers") and reports print them.
public struct FileTreeSnapshot: Sendable, Equatable, CustomStringConvertible {
    /// One entry below the snapshot's root.
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        /// The path relative to the root, without a leading slash (`a/b`).
        public var path: String
        public var kind: FileKind
        public var mode: UInt16
        /// As in `FileAttributes`: content bytes, target bytes for a symlink, 0 for a directory.
        public var size: Int
        /// FNV-1a (64-bit) of a file's content; nil for other kinds.
        public var contentDigest: UInt64?
        /// A symlink's target, verbatim; nil for other kinds.
        public var symlinkTarget: String?

        public init(
            path: String, kind: FileKind, mode: UInt16, size: Int, contentDigest: UInt64? = nil,
            symlinkTarget: String? = nil
        ) {
            self.path = path
            self.kind = kind
            self.mode = mode
            self.size = size
            self.contentDigest = contentDigest
            self.symlinkTarget = symlinkTarget
        }

        /// One `ls -l`-like line: kind letter, octal mode, size, digest, path, and the target of a symlink.
        public var description: String {
            let mode = String(self.mode, radix: 8)
            switch kind {
            case .file:
                return "f \(mode) \(size) \(FileTreeSnapshot.hex(contentDigest ?? 0)) \(path)"
            case .directory:
                return "d \(mode) \(path)/"
            case .symlink:
                return "l \(mode) \(path) -> \(symlinkTarget ?? "")"
            case .other:
                return "o \(mode) \(path)"
            }
        }
    }

    /// The normalised path of the directory the snapshot was taken of.
    public var root: String
    /// Every entry below the root (the root itself excluded), sorted by the UTF-8 bytes of `path`.
    public private(set) var entries: [Entry]

    /// Creates a snapshot from entries in any order; paths must be unique.
    public init(root: String, entries: [Entry]) {
        self.root = root
        self.entries = entries.sorted { FileSystemPath.precedesByBytes($0.path, $1.path) }
        for index in self.entries.indices.dropFirst() {
            precondition(self.entries[index - 1].path != self.entries[index].path, "duplicate snapshot path")
        }
    }

    /// The entry at `path` (relative to the root), if any.
    public func entry(at path: String) -> Entry? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if FileSystemPath.precedesByBytes(entries[middle].path, path) { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].path == path ? entries[low] : nil
    }

    /// The relative paths of all entries, sorted.
    public var paths: [String] { entries.map(\.path) }

    /// One FNV-1a digest of every field of every entry: equal trees have equal digests on every machine.
    public var digest: UInt64 {
        var hasher = FNV1a64()
        for entry in entries {
            hasher.combine(entry.path)
            hasher.combine(entry.kind.description)
            hasher.combine(UInt64(entry.mode))
            hasher.combine(UInt64(entry.size))
            hasher.combine(entry.contentDigest ?? 0)
            hasher.combine(entry.symlinkTarget ?? "")
        }
        return hasher.value
    }

    public var description: String {
        (["\(root) (\(entries.count) entries, digest \(Self.hex(digest)))"] + entries.map { "  " + $0.description })
            .joined(separator: "\n")
    }

    /// What changed between two snapshots of the same tree, by relative path.
    public static func diff(from before: FileTreeSnapshot, to after: FileTreeSnapshot) -> FileTreeDiff {
        var added: [Entry] = []
        var removed: [Entry] = []
        var changed: [FileTreeDiff.Change] = []
        // Both entry lists are sorted by the same byte order, so one merge pass pairs them.
        var old = 0
        var new = 0
        while old < before.entries.count || new < after.entries.count {
            if new == after.entries.count
                || old < before.entries.count
                    && FileSystemPath.precedesByBytes(before.entries[old].path, after.entries[new].path)
            {
                removed.append(before.entries[old])
                old += 1
            } else if old == before.entries.count || before.entries[old].path != after.entries[new].path {
                added.append(after.entries[new])
                new += 1
            } else {
                if before.entries[old] != after.entries[new] {
                    changed.append(FileTreeDiff.Change(before: before.entries[old], after: after.entries[new]))
                }
                old += 1
                new += 1
            }
        }
        return FileTreeDiff(added: added, removed: removed, changed: changed)
    }

    /// Sixteen lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
