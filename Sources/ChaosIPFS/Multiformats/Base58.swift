/// Bitcoin's base58 alphabet, the encoding of CIDv0 strings and of the multibase prefix `z`.
public enum Base58 {
    /// The name used in error messages.
    static let name = "base58btc"

    /// The longest text `decode` accepts; the conversion is quadratic, so unbounded input would be a denial of service.
    public static let decodeLengthMax = 1_024

    private static let alphabet: [UInt8] = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Maps an ASCII byte to its digit value, or 0xff when the byte is not in the alphabet.
    private static let values = alphabetLookupTable(alphabet)

    /// Encodes bytes as base58btc without a multibase prefix; each leading zero byte becomes a `1`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeroCount = input.prefix { $0 == 0 }.count
        // Base-58 digits, least significant first; log(256) / log(58) < 1.37 bounds their number.
        var digits: [UInt8] = []
        digits.reserveCapacity(input.count * 137 / 100 + 1)
        for byte in input[zeroCount...] {
            var carry = UInt32(byte)
            for index in digits.indices {
                carry += UInt32(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var output = [UInt8](repeating: alphabet[0], count: zeroCount)
        output.reserveCapacity(zeroCount + digits.count)
        for digit in digits.reversed() {
            output.append(alphabet[Int(digit)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base58btc text of at most `decodeLengthMax` characters; each leading `1` becomes a zero byte.
    ///
    /// - Parameter offsetBase: added to every reported offset, so errors point into the caller's whole string.
    public static func decode(_ text: some StringProtocol, offsetBase: Int = 0) throws(MultiformatError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count <= decodeLengthMax else {
            throw .tooLong(what: "\(name) text", length: utf8.count, lengthMax: decodeLengthMax)
        }
        let zeroCount = utf8.prefix { $0 == alphabet[0] }.count
        // Base-256 digits, least significant first.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 733 / 1_000 + 1)
        for offset in zeroCount..<utf8.count {
            let value = values[Int(utf8[offset])]
            guard value != 0xff else {
                throw .invalidCharacter(encoding: name, utf8: utf8, offset: offset, offsetBase: offsetBase)
            }
            var carry = UInt32(value)
            for index in bytes.indices {
                carry += UInt32(bytes[index]) * 58
                bytes[index] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(truncatingIfNeeded: carry))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeroCount) + bytes.reversed()
    }
}
