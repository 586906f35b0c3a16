/// The multibase encodings this library reads and writes, each identified by its prefix character.
public enum Multibase: Character, Sendable, CaseIterable {
    /// Lowercase RFC 4648 base32 without padding, the canonical form of CIDv1.
    case base32 = "b"
    /// Lowercase hexadecimal.
    case base16 = "f"
    /// Bitcoin base58.
    case base58btc = "z"

    /// Encodes bytes with this base and prepends the prefix character.
    public func encode(_ bytes: some Collection<UInt8>) -> String {
        let body: String
        switch self {
        case .base32: body = Base32.encode(bytes)
        case .base16: body = Base16.encode(bytes)
        case .base58btc: body = Base58.encode(bytes)
        }
        return String(rawValue) + body
    }

    /// Reads the prefix character and decodes the rest; reported offsets count the prefix.
    public static func decode(
        _ text: some StringProtocol
    ) throws(MultiformatError) -> (base: Multibase, bytes: [UInt8]) {
        guard let prefix = text.first else {
            throw .empty(what: "multibase text")
        }
        guard let base = Multibase(rawValue: prefix) else {
            throw .unsupportedMultibase(prefix: prefix)
        }
        let body = text.dropFirst()
        switch base {
        case .base32: return (base, try Base32.decode(body, offsetBase: 1))
        case .base16: return (base, try Base16.decode(body, offsetBase: 1))
        case .base58btc: return (base, try Base58.decode(body, offsetBase: 1))
        }
    }
}
