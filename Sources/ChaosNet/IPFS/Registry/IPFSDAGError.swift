/// Why a UnixFS DAG could not be read: a bad path, a missing or corrupt block, or a node of the wrong kind.
///
/// The messages follow Kubo's where a download client might match on them (`this dag node is a directory`,
/// `no link named …`, `ipld: could not find …`).
public enum IPFSDAGError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path text is not `<cid>[/name…]` (optionally after `/ipfs/`).
    case invalidPath(String, reason: String)
    /// The store does not hold the block; while streaming this is the mid-stream error a lost block provokes.
    case blockNotFound(CID)
    /// The block does not decode as dag-pb, or its UnixFS data is inconsistent.
    case corruptBlock(CID, reason: String)
    /// The node is of a UnixFS type this reader does not serve (HAMT shards, metadata).
    case unsupportedNode(CID, kind: String)
    /// A path component names no link of the directory (or the node is not a directory).
    case noLink(name: String, under: CID)
    /// A directory link carries a name that is not a single path component.
    case invalidLinkName(String, under: CID)
    /// `cat` was asked for a directory.
    case isDirectory
    /// `cat` was asked for something that is neither a file nor a directory (a symlink).
    case notRegularFile
    /// `cat`'s offset lies past the end of the file.
    case offsetPastEnd(offset: UInt64, size: UInt64)
    /// The DAG nests deeper than the reader follows.
    case tooDeep(depthMax: Int)

    /// Whether the request itself was wrong (HTTP 400) rather than the content or the node (500).
    public var isClientError: Bool {
        if case .invalidPath = self { return true }
        return false
    }

    /// The message, worded as Kubo words it where Kubo has an equivalent.
    public var description: String {
        switch self {
        case let .invalidPath(path, reason):
            return "invalid path \"\(path.prefix(200))\": \(reason)"
        case let .blockNotFound(cid):
            return "ipld: could not find \(cid)"
        case let .corruptBlock(cid, reason):
            return "corrupt block \(cid): \(reason)"
        case let .unsupportedNode(cid, kind):
            return "unsupported UnixFS node \(cid): \(kind)"
        case let .noLink(name, cid):
            return "no link named \"\(name)\" under \(cid)"
        case let .invalidLinkName(name, cid):
            return "directory \(cid) has a link named \"\(name.prefix(200))\", which is not a single path component"
        case .isDirectory:
            return "this dag node is a directory"
        case .notRegularFile:
            return "this dag node is not a regular file"
        case let .offsetPastEnd(offset, size):
            return "offset was past the end of file (\(offset) > \(size))"
        case let .tooDeep(depthMax):
            return "DAG is nested deeper than \(depthMax) levels"
        }
    }
}
