/// Lowercase RFC 4648 base32 without padding, the alphabet behind the multibase prefix `b`.
public enum Base32 {
    /// The name used in error messages.
    static let name = "base32"

    private static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Maps an ASCII byte to its 5-bit value, or 0xff when the byte is not in the alphabet.
    private static let values = alphabetLookupTable(alphabet)

    /// Encodes bytes as lowercase base32 without padding and without a multibase prefix.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int(buffer >> UInt32(bitCount) & 0x1f)])
            }
        }
        if bitCount > 0 {
            // The last group is padded with zero bits on the right, as RFC 4648 specifies.
            output.append(alphabet[Int(buffer << UInt32(5 - bitCount) & 0x1f)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes lowercase unpadded base32, rejecting padding, uppercase, impossible lengths and non-zero spare bits.
    ///
    /// - Parameter offsetBase: added to every reported offset, so errors point into the caller's whole string.
    public static func decode(_ text: some StringProtocol, offsetBase: Int = 0) throws(MultiformatError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count * 5 / 8)
        var buffer: UInt32 = 0
        var bitCount = 0
        for (offset, byte) in utf8.enumerated() {
            let value = values[Int(byte)]
            guard value != 0xff else {
                throw .invalidCharacter(encoding: name, utf8: utf8, offset: offset, offsetBase: offsetBase)
            }
            buffer = buffer << 5 | UInt32(value)
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
            }
        }
        // Whole bytes always end in a group of 0, 2, 4, 5 or 7 characters; 1, 3 or 6 cannot come from any input.
        let remainder = utf8.count % 8
        guard remainder != 1, remainder != 3, remainder != 6 else {
            throw .invalidLength(encoding: name, length: utf8.count)
        }
        if bitCount > 0, buffer & (1 << UInt32(bitCount) - 1) != 0 {
            throw .nonCanonical(encoding: name, offset: utf8.count - 1 + offsetBase)
        }
        return output
    }
}
