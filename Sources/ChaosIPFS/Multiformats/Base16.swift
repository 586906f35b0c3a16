/// Lowercase hexadecimal (RFC 4648 base16), the alphabet behind the multibase prefix `f`.
public enum Base16 {
    /// The name used in error messages.
    static let name = "base16"

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lowercase hexadecimal without a multibase prefix.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes lowercase hexadecimal; uppercase digits are rejected because the prefix `f` promises lowercase.
    ///
    /// - Parameter offsetBase: added to every reported offset, so errors point into the caller's whole string.
    public static func decode(_ text: some StringProtocol, offsetBase: Int = 0) throws(MultiformatError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count / 2)
        var index = 0
        while index + 1 < utf8.count {
            let high = try value(utf8, at: index, offsetBase: offsetBase)
            let low = try value(utf8, at: index + 1, offsetBase: offsetBase)
            output.append(high << 4 | low)
            index += 2
        }
        if index < utf8.count {
            // Check the lone last character first, so a stray symbol is reported as such rather than as a length.
            _ = try value(utf8, at: index, offsetBase: offsetBase)
            throw .invalidLength(encoding: name, length: utf8.count)
        }
        return output
    }

    private static func value(_ utf8: [UInt8], at offset: Int, offsetBase: Int) throws(MultiformatError) -> UInt8 {
        let byte = utf8[offset]
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"):
            return byte - UInt8(ascii: "a") + 10
        default:
            throw .invalidCharacter(encoding: name, utf8: utf8, offset: offset, offsetBase: offsetBase)
        }
    }
}
