/// Groups file leaves into Kubo's balanced DAG, emitting each internal node as soon as it can no longer change.
///
/// Kubo's balanced builder fills a node of depth 1 with up to 174 leaves, then makes the full node the first child of
/// a depth-2 root and fills that root with further depth-1 nodes, and so on. The result is that leaves are grouped
/// in runs of 174 (the last run possibly shorter, even a single leaf), those parents again in runs of 174, and so on
/// until one node remains; only a file with a single leaf has no internal node. Every leaf sits at the same depth.
///
/// Building level by level gives the same tree while holding at most `linksPerNodeMax` pending children per level,
/// so memory grows with the logarithm of the file size.
struct BalancedTreeBuilder: Sendable {
    /// The version of the internal nodes' CIDs.
    let cidVersion: CID.Version

    /// The most children per internal node.
    let linksPerNodeMax: Int

    /// `levels[0]` holds leaves waiting for a parent; `levels[k]` holds finished nodes of depth k.
    private var levels: [[ImportedNode]] = [[]]

    /// Creates an empty builder.
    init(cidVersion: CID.Version, linksPerNodeMax: Int = UnixFSImportOptions.linksPerNodeMax) {
        precondition(linksPerNodeMax >= 2, "a tree needs at least two links per node")
        self.cidVersion = cidVersion
        self.linksPerNodeMax = linksPerNodeMax
    }

    /// Adds the next leaf; any node that becomes full is encoded and emitted at once.
    mutating func add(leaf: ImportedNode, sink: (IPFSBlock) throws -> Void) rethrows {
        levels[0].append(leaf)
        var depth = 0
        while levels[depth].count == linksPerNodeMax {
            try promote(depth: depth, sink: sink)
            depth += 1
        }
    }

    /// Closes every partly filled node from the bottom up and returns the root, or nil when no leaf was added.
    mutating func finish(sink: (IPFSBlock) throws -> Void) rethrows -> ImportedNode? {
        var depth = 0
        while depth < levels.count {
            let hasHigherNodes = levels[(depth + 1)...].contains { !$0.isEmpty }
            if levels[depth].count == 1, !hasHigherNodes {
                return levels[depth][0]
            }
            if !levels[depth].isEmpty {
                try promote(depth: depth, sink: sink)
            }
            depth += 1
        }
        return nil
    }

    /// Replaces the pending nodes at `depth` by one parent at `depth + 1`.
    private mutating func promote(depth: Int, sink: (IPFSBlock) throws -> Void) rethrows {
        let children = levels[depth]
        let block = IPFSBlock(
            version: cidVersion, codec: .dagPB, bytes: UnixFSData.fileInternalBlock(children: children))
        try sink(block)
        let parent = ImportedNode(
            cid: block.cid,
            tsize: children.reduce(UInt64(block.bytes.count)) { $0 + $1.tsize },
            filesize: children.reduce(0) { $0 + $1.filesize },
            kind: .file)
        levels[depth].removeAll(keepingCapacity: true)
        if depth + 1 == levels.count {
            levels.append([])
        }
        levels[depth + 1].append(parent)
    }
}
