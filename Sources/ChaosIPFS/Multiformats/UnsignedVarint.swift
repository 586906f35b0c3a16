/// The multiformats unsigned varint: little-endian groups of seven bits, minimal, at most nine bytes (63 bits).
public enum UnsignedVarint {
    /// The most bytes a multiformats varint may use.
    public static let byteCountMax = 9

    /// The largest value a nine-byte varint can hold.
    public static let valueMax: UInt64 = 1 << 63 - 1

    /// Appends the varint encoding of `value` to `bytes`.
    public static func encode(_ value: UInt64, into bytes: inout [UInt8]) {
        precondition(value <= valueMax, "multiformats varints hold at most 63 bits")
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Returns the varint encoding of `value`.
    public static func encoded(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(value, into: &bytes)
        return bytes
    }

    /// Decodes the varint that starts at `offset` and advances `offset` past it.
    public static func decode(_ bytes: [UInt8], at offset: inout Int) throws(MultiformatError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var index = start
        while true {
            guard index < bytes.count else {
                throw .varintTruncated(offset: index)
            }
            guard index - start < byteCountMax else {
                throw .varintOverflow(offset: start)
            }
            let byte = bytes[index]
            value |= UInt64(byte & 0x7f) << shift
            index += 1
            if byte & 0x80 == 0 {
                // A zero final group after the first byte means a shorter encoding existed.
                if byte == 0, index - start > 1 {
                    throw .varintNotMinimal(offset: start)
                }
                break
            }
            shift += 7
        }
        offset = index
        return value
    }
}
