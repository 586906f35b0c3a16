import Crypto

/// A self-describing hash; only sha2-256 is supported because it is the only function `ipfs add` uses by default.
public struct Multihash: Hashable, Sendable {
    /// The multicodec code of sha2-256.
    public static let sha256Code: UInt64 = 0x12

    /// The digest length of sha2-256 in bytes.
    public static let sha256Length = 32

    /// The hash function's multicodec code.
    public let code: UInt64

    /// The raw digest.
    public let digest: [UInt8]

    /// Wraps an existing sha2-256 digest.
    public init(sha256Digest digest: [UInt8]) {
        precondition(digest.count == Self.sha256Length, "a sha2-256 digest has 32 bytes")
        self.code = Self.sha256Code
        self.digest = digest
    }

    /// Hashes `bytes` with sha2-256.
    public init(sha256Of bytes: some Collection<UInt8>) {
        let digest =
            bytes.withContiguousStorageIfAvailable { Self.sha256(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { Self.sha256($0) }
        self.init(sha256Digest: digest)
    }

    /// Hashes the concatenation of `parts` with sha2-256 without building it.
    init(sha256OfParts parts: [UnsafeRawBufferPointer]) {
        var hasher = SHA256()
        for part in parts {
            hasher.update(bufferPointer: part)
        }
        self.init(sha256Digest: Array(hasher.finalize()))
    }

    /// The binary multihash: `varint(code) ‖ varint(length) ‖ digest`, which for sha2-256 starts with `12 20`.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(2 + digest.count)
        appendBytes(to: &output)
        return output
    }

    /// Appends the binary multihash to `output`.
    func appendBytes(to output: inout [UInt8]) {
        UnsignedVarint.encode(code, into: &output)
        UnsignedVarint.encode(UInt64(digest.count), into: &output)
        output.append(contentsOf: digest)
    }

    /// Reads a binary multihash starting at `offset` and advances `offset` past it.
    static func decode(_ bytes: [UInt8], at offset: inout Int) throws(MultiformatError) -> Multihash {
        let codeOffset = offset
        let code = try UnsignedVarint.decode(bytes, at: &offset)
        guard code == sha256Code else {
            throw .unsupportedHash(code: code, offset: codeOffset)
        }
        let lengthOffset = offset
        let length = try UnsignedVarint.decode(bytes, at: &offset)
        guard length == sha256Length else {
            throw .invalidDigestLength(expected: sha256Length, actual: Int(clamping: length), offset: lengthOffset)
        }
        guard bytes.count - offset >= sha256Length else {
            throw .digestTruncated(declared: sha256Length, available: bytes.count - offset, offset: offset)
        }
        let digest = Array(bytes[offset..<offset + sha256Length])
        offset += sha256Length
        return Multihash(sha256Digest: digest)
    }

    /// Uses the incremental hasher because it takes a raw buffer and so needs no Foundation types.
    private static func sha256(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bufferPointer: buffer)
        return Array(hasher.finalize())
    }
}
