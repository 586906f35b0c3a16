/// A block of a DAG: its bytes and the CID that names them.
public struct IPFSBlock: Hashable, Sendable {
    /// The block's CID, whose multihash is the sha2-256 of `bytes`.
    public let cid: CID
    /// The encoded block.
    public let bytes: [UInt8]

    /// Hashes `bytes` and names the block with a CID of the given version and codec.
    public init(version: CID.Version, codec: CID.Codec, bytes: [UInt8]) {
        self.cid = CID(version: version, codec: codec, hashing: bytes)
        self.bytes = bytes
    }

    /// Pairs bytes with a CID the caller has already checked or computed; use `cid.matches(bytes)` to verify.
    public init(cid: CID, unverifiedBytes bytes: [UInt8]) {
        self.cid = cid
        self.bytes = bytes
    }
}
