/// The root of an imported file, directory or symlink: what a parent directory links to and `ipfs add` reports.
public struct ImportedNode: Hashable, Sendable {
    /// The root block's CID.
    public let cid: CID
    /// The cumulative size: the root block plus every block below it, as a parent link's Tsize and `add`'s Size.
    public let tsize: UInt64
    /// The UnixFS content size: file bytes for a file, the target length for a symlink, 0 for a directory.
    public let filesize: UInt64
    /// What the root is.
    public let kind: UnixFSData.Kind

    /// Creates a node description.
    public init(cid: CID, tsize: UInt64, filesize: UInt64, kind: UnixFSData.Kind) {
        self.cid = cid
        self.tsize = tsize
        self.filesize = filesize
        self.kind = kind
    }
}
