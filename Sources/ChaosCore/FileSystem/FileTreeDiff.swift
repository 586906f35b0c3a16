/// The difference between two `FileTreeSnapshot`s: entries added, removed and changed, each list sorted by path.
public struct FileTreeDiff: Sendable, Equatable, CustomStringConvertible {
    /// An entry present in both snapshots with different attributes or content.
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        public var before: FileTreeSnapshot.Entry
        public var after: FileTreeSnapshot.Entry

        public var path: String { after.path }

        /// The fields that differ, e.g. `size 3 -> 5, content`.
        public var description: String {
            var parts: [String] = []
            if before.kind != after.kind { parts.append("kind \(before.kind) -> \(after.kind)") }
            if before.mode != after.mode {
                parts.append("mode \(String(before.mode, radix: 8)) -> \(String(after.mode, radix: 8))")
            }
            if before.size != after.size { parts.append("size \(before.size) -> \(after.size)") }
            if before.kind == after.kind, before.contentDigest != after.contentDigest { parts.append("content") }
            if before.symlinkTarget != after.symlinkTarget {
                parts.append("target \(before.symlinkTarget ?? "-") -> \(after.symlinkTarget ?? "-")")
            }
            return parts.joined(separator: ", ")
        }
    }

    /// Entries only in the later snapshot.
    public var added: [FileTreeSnapshot.Entry]
    /// Entries only in the earlier snapshot.
    public var removed: [FileTreeSnapshot.Entry]
    /// Entries in both that differ.
    public var changed: [Change]

    public init(added: [FileTreeSnapshot.Entry], removed: [FileTreeSnapshot.Entry], changed: [Change]) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public var addedPaths: [String] { added.map(\.path) }
    public var removedPaths: [String] { removed.map(\.path) }
    public var changedPaths: [String] { changed.map(\.path) }

    /// One line per difference: `+ entry`, `- entry`, `~ path: what changed`; "no changes" when empty.
    public var description: String {
        guard !isEmpty else { return "no changes" }
        let lines = added.map { "+ \($0)" } + removed.map { "- \($0)" } + changed.map { "~ \($0.path): \($0)" }
        return lines.joined(separator: "\n")
    }
}
