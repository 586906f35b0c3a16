/// The `ipfs add` flags that change the resulting DAG, with Kubo's defaults.
public struct UnixFSImportOptions: Hashable, Sendable {
    /// Kubo's default chunk size, `size-262144`.
    public static let chunkSizeDefault = 262_144

    /// Kubo's largest accepted chunk size; larger blocks would exceed what bitswap transfers.
    public static let chunkSizeMax = 1_048_576

    /// The most links in one file node, as in Kubo's balanced layout (`helpers.DefaultLinksPerBlock`).
    public static let linksPerNodeMax = 174

    /// The version of every dag-pb CID produced; raw leaves are always CIDv1 because v0 cannot name raw blocks.
    public var cidVersion: CID.Version

    /// Whether file chunks are stored as raw blocks (codec 0x55) instead of UnixFS dag-pb leaves.
    public var rawLeaves: Bool

    /// The fixed chunk size in bytes, 1 through `chunkSizeMax`.
    public var chunkSize: Int

    /// Creates options; like Kubo, CIDv1 implies raw leaves unless `rawLeaves` is given explicitly.
    public init(cidVersion: CID.Version = .v0, rawLeaves: Bool? = nil, chunkSize: Int = chunkSizeDefault) {
        precondition(chunkSize >= 1 && chunkSize <= Self.chunkSizeMax, "chunk size outside 1...chunkSizeMax")
        self.cidVersion = cidVersion
        self.rawLeaves = rawLeaves ?? (cidVersion == .v1)
        self.chunkSize = chunkSize
    }
}
