/// Reads UnixFS DAGs out of a block store: nodes, path resolution, directory listings, file bytes and tar streams.
///
/// Every read fetches blocks at the moment it needs them, so a block missing from the store is reported exactly where
/// the walk reaches it: before anything is sent when it is the root, mid-stream when it is deeper.
///
/// A value holding a reference to the store: use on the store's thread.
public struct IPFSDAGReader: Sendable {
    /// The deepest nesting followed, in file trees and in directories.
    public static let depthMax = 64

    public let store: IPFSBlockStore

    public init(store: IPFSBlockStore) {
        self.store = store
    }

    /// Fetches and decodes the block `cid` names.
    public func node(_ cid: CID) throws(IPFSDAGError) -> UnixFSNode {
        guard let block = store.bytes(for: cid) else {
            throw .blockNotFound(cid)
        }
        return try UnixFSNode(cid: cid, block: block)
    }

    /// Follows `path` from its root through directory links by name.
    public func resolve(_ path: IPFSPath) throws(IPFSDAGError) -> UnixFSNode {
        var current = try node(path.root)
        for name in path.components {
            guard current.kind == .directory, let link = current.links.first(where: { $0.name == name }) else {
                throw .noLink(name: name, under: current.cid)
            }
            current = try node(link.hash)
        }
        return current
    }

    /// One entry of a directory listing, with its kind and size resolved from the child's own block.
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var cid: CID
        public var kind: UnixFSNode.Kind
        /// The file size for files, the target length for symlinks, 0 for directories (as Kubo's `ls` reports).
        public var size: UInt64
        /// The symlink target, empty for other kinds.
        public var target: String
    }

    /// The entries of `directory` in link order; each child's block is fetched to learn its kind, as `ls` does.
    public func entries(of directory: UnixFSNode) throws(IPFSDAGError) -> [Entry] {
        precondition(directory.kind == .directory, "entries(of:) needs a directory")
        var entries: [Entry] = []
        for link in directory.links {
            let name = link.name ?? ""
            let child = try node(link.hash)
            entries.append(
                Entry(name: name, cid: link.hash, kind: child.kind, size: child.contentSize,
                      target: child.symlinkTarget ?? ""))
        }
        return entries
    }

    /// A reader of `file`'s bytes from `offset`, at most `length` of them (all when nil).
    public func fileReader(_ file: UnixFSNode, offset: UInt64 = 0, length: UInt64? = nil) -> UnixFSFileReader {
        UnixFSFileReader(dag: self, root: file, offset: offset, length: length)
    }

    /// A tar stream of the DAG under `root`, whose entry is named `name`.
    public func tarStream(_ root: UnixFSNode, name: String) -> UnixFSTarStream {
        UnixFSTarStream(dag: self, root: root, name: name)
    }

    /// Every block CID under `root`, parent before children, in link order, each block once (identical files share
    /// blocks): what a scenario picks from to lose one.
    public func blockCIDs(under root: CID) throws(IPFSDAGError) -> [CID] {
        var result: [CID] = []
        // Membership only; the order comes from the walk.
        var seen: Set<Multihash> = []
        var stack: [(cid: CID, depth: Int)] = [(root, 0)]
        while let (cid, depth) = stack.popLast() {
            guard depth <= Self.depthMax else { throw .tooDeep(depthMax: Self.depthMax) }
            guard seen.insert(cid.multihash).inserted else { continue }
            result.append(cid)
            let current = try node(cid)
            for link in current.links.reversed() {
                stack.append((link.hash, depth + 1))
            }
        }
        return result
    }
}
