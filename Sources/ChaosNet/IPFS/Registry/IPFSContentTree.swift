/// Content to add to a block store: a file, a symlink, or a directory of named entries, nested.
///
/// Entry order does not matter for the resulting CID (directories sort their links by name bytes); it only decides
/// the order in which `add` reports files, as Kubo reports them in upload order.
public indirect enum IPFSContentTree: Hashable, Sendable {
    /// A regular file with these bytes.
    case file([UInt8])
    /// A symbolic link to `target`, stored verbatim.
    case symlink(target: String)
    /// A directory of named entries.
    case directory([Entry])

    /// One named directory entry.
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var tree: IPFSContentTree

        public init(_ name: String, _ tree: IPFSContentTree) {
            self.name = name
            self.tree = tree
        }
    }

    /// Every item below this tree (not the tree itself) with its slash-separated path, depth first, parents before
    /// children, in entry order.
    public var descendants: [(path: String, tree: IPFSContentTree)] {
        var result: [(path: String, tree: IPFSContentTree)] = []
        func visit(_ tree: IPFSContentTree, prefix: String) {
            guard case let .directory(entries) = tree else { return }
            for entry in entries {
                let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                result.append((path, entry.tree))
                visit(entry.tree, prefix: path)
            }
        }
        visit(self, prefix: "")
        return result
    }

    /// The number of file bytes in the tree (symlink targets do not count).
    public var fileByteCount: Int {
        switch self {
        case let .file(bytes): return bytes.count
        case .symlink: return 0
        case let .directory(entries): return entries.reduce(0) { $0 + $1.tree.fileByteCount }
        }
    }
}
