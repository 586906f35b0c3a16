/// Why a multibase string, varint, multihash or CID could not be decoded.
///
/// Every case names the encoding or structure being read and, where it applies, the zero-based offset of the
/// offending character or byte, so a caller can report exactly what was wrong with user-supplied input.
public enum MultiformatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input was empty where at least one character or byte is required.
    case empty(what: String)
    /// The input is longer than the decoder accepts.
    case tooLong(what: String, length: Int, lengthMax: Int)
    /// A character is not part of the encoding's alphabet.
    case invalidCharacter(encoding: String, character: Character, offset: Int)
    /// The input length cannot be produced by the encoding.
    case invalidLength(encoding: String, length: Int)
    /// The unused bits at the end of the input are not zero, so the text is not the canonical encoding.
    case nonCanonical(encoding: String, offset: Int)
    /// The multibase prefix character is not one this decoder supports.
    case unsupportedMultibase(prefix: Character)
    /// A varint ended before its last byte.
    case varintTruncated(offset: Int)
    /// A varint is longer than nine bytes or does not fit in 63 bits.
    case varintOverflow(offset: Int)
    /// A varint uses more bytes than needed, which the multiformats spec forbids.
    case varintNotMinimal(offset: Int)
    /// The CID version is not 0 or 1.
    case unsupportedCIDVersion(version: UInt64, offset: Int)
    /// The content codec is not dag-pb (0x70) or raw (0x55).
    case unsupportedCodec(code: UInt64, offset: Int)
    /// The multihash function is not sha2-256 (0x12).
    case unsupportedHash(code: UInt64, offset: Int)
    /// The multihash digest length does not match the hash function.
    case invalidDigestLength(expected: Int, actual: Int, offset: Int)
    /// The multihash digest ends before its declared length.
    case digestTruncated(declared: Int, available: Int, offset: Int)
    /// Bytes follow a complete CID.
    case trailingBytes(offset: Int)
    /// A CIDv0 appeared inside a multibase string, which the CID spec forbids.
    case multibaseEncodedCIDv0

    /// A sentence that says what was wrong and where.
    public var description: String {
        switch self {
        case .empty(let what):
            return "\(what) is empty"
        case .tooLong(let what, let length, let lengthMax):
            return "\(what) is \(length) long, more than the limit of \(lengthMax)"
        case .invalidCharacter(let encoding, let character, let offset):
            // Escape control and other invisible characters so the message shows what was really there.
            let shown = character.unicodeScalars.map { $0.escaped(asASCII: false) }.joined()
            return "invalid \(encoding) character '\(shown)' at offset \(offset)"
        case .invalidLength(let encoding, let length):
            return "\(length) characters cannot be \(encoding)"
        case .nonCanonical(let encoding, let offset):
            return "non-canonical \(encoding): unused trailing bits are not zero at offset \(offset)"
        case .unsupportedMultibase(let prefix):
            return "unsupported multibase prefix '\(prefix)'; expected 'b' (base32), 'f' (base16) or 'z' (base58btc)"
        case .varintTruncated(let offset):
            return "varint truncated at byte \(offset)"
        case .varintOverflow(let offset):
            return "varint at byte \(offset) is longer than 9 bytes"
        case .varintNotMinimal(let offset):
            return "varint at byte \(offset) is not minimally encoded"
        case .unsupportedCIDVersion(let version, let offset):
            return "unsupported CID version \(version) at byte \(offset); expected 1 (or a bare CIDv0 multihash)"
        case .unsupportedCodec(let code, let offset):
            return "unsupported codec 0x\(String(code, radix: 16)) at byte \(offset); expected dag-pb 0x70 or raw 0x55"
        case .unsupportedHash(let code, let offset):
            return "unsupported multihash function 0x\(String(code, radix: 16)) at byte \(offset);"
                + " expected sha2-256 0x12"
        case .invalidDigestLength(let expected, let actual, let offset):
            return "multihash digest length \(actual) at byte \(offset); sha2-256 needs \(expected)"
        case .digestTruncated(let declared, let available, let offset):
            return "multihash digest at byte \(offset) declares \(declared) bytes but only \(available) remain"
        case .trailingBytes(let offset):
            return "unexpected bytes after the CID at byte \(offset)"
        case .multibaseEncodedCIDv0:
            return "a CIDv0 cannot be multibase encoded; use the bare Qm… form or a CIDv1"
        }
    }
}

extension MultiformatError {
    /// Builds `invalidCharacter` for the UTF-8 byte at `offset`, naming the whole character even when it is not ASCII.
    static func invalidCharacter(encoding: String, utf8: [UInt8], offset: Int, offsetBase: Int) -> MultiformatError {
        var start = offset
        // Step back to the first byte of the scalar when the offset lands on a UTF-8 continuation byte.
        while start > 0, utf8[start] & 0xc0 == 0x80 {
            start -= 1
        }
        // A scalar is at most four UTF-8 bytes, so there is no need to decode the rest of the input.
        let scalarBytes = utf8[start..<min(start + 4, utf8.count)]
        let character = String(decoding: scalarBytes, as: UTF8.self).first ?? "\u{FFFD}"
        return .invalidCharacter(encoding: encoding, character: character, offset: start + offsetBase)
    }
}
