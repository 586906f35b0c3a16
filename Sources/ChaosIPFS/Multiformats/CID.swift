/// A content identifier: a CIDv0 (bare sha2-256 multihash, always dag-pb) or a CIDv1 (version, codec, multihash).
public struct CID: Hashable, Sendable, CustomStringConvertible {
    /// The CID version.
    public enum Version: Int, Hashable, Sendable, CaseIterable {
        /// The legacy form: base58btc of the multihash, implicitly dag-pb.
        case v0 = 0
        /// The self-describing form: `01 ‖ varint(codec) ‖ multihash`.
        case v1 = 1
    }

    /// The content codecs a UnixFS DAG uses, and CAR for whole archives.
    public enum Codec: UInt64, Hashable, Sendable, CaseIterable {
        /// Raw bytes, used for raw leaves.
        case raw = 0x55
        /// The protobuf DAG format of UnixFS nodes.
        case dagPB = 0x70
        /// A CARv1 archive as one block (multicodec `car`), as receipt batches are named.
        case car = 0x0202
    }

    /// The version.
    public let version: Version

    /// How the block's bytes are to be interpreted.
    public let codec: Codec

    /// The hash of the block's bytes.
    public let multihash: Multihash

    /// Creates a CID; a CIDv0 must use dag-pb because the version cannot express any other codec.
    public init(version: Version, codec: Codec, multihash: Multihash) {
        precondition(version == .v1 || codec == .dagPB, "a CIDv0 always names a dag-pb block")
        self.version = version
        self.codec = codec
        self.multihash = multihash
    }

    /// Hashes a block with sha2-256 and returns its CID.
    public init(version: Version, codec: Codec, hashing block: some Collection<UInt8>) {
        self.init(version: version, codec: codec, multihash: Multihash(sha256Of: block))
    }

    /// The same block named by a CIDv1; a CIDv0 becomes dag-pb CIDv1 (`bafybei…`).
    public var v1: CID {
        CID(version: .v1, codec: codec, multihash: multihash)
    }

    /// The binary CID: the bare multihash for v0, `01 ‖ varint(codec) ‖ multihash` for v1.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(36)
        appendBytes(to: &output)
        return output
    }

    /// The length of `bytes`, computed without encoding.
    var byteCount: Int {
        // Both supported codecs and the version fit in one varint byte; the multihash is `12 20` plus the digest.
        let multihashCount = 2 + multihash.digest.count
        return version == .v0 ? multihashCount : 2 + multihashCount
    }

    /// Appends the binary CID to `output`.
    func appendBytes(to output: inout [UInt8]) {
        if version == .v1 {
            UnsignedVarint.encode(1, into: &output)
            UnsignedVarint.encode(codec.rawValue, into: &output)
        }
        multihash.appendBytes(to: &output)
    }

    /// The canonical string: base58btc `Qm…` for v0, lowercase base32 `b…` for v1.
    public var description: String {
        switch version {
        case .v0: return Base58.encode(bytes)
        case .v1: return Multibase.base32.encode(bytes)
        }
    }

    /// The v1 string in another multibase, for example `f01701220…` with base16.
    public func string(in base: Multibase) -> String {
        precondition(version == .v1, "a CIDv0 has only its base58btc form; convert with .v1 first")
        return base.encode(bytes)
    }

    /// Whether `block` hashes to this CID's multihash, which is how a downloader verifies what it received.
    public func matches(_ block: some Collection<UInt8>) -> Bool {
        Multihash(sha256Of: block) == multihash
    }
}
