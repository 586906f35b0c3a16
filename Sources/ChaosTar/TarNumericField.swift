/// Encoding and decoding of the numeric header fields (octal text, or GNU base-256 when reading).
enum TarNumericField {
    /// The largest value an octal field of `width` bytes holds with its terminating NUL.
    static func octalMax(width: Int) -> UInt64 {
        precondition(width >= 2 && width <= 12, "octal field width \(width) out of range")
        return (UInt64(1) << UInt64(3 * (width - 1))) - 1
    }

    /// Writes `value` as zero-padded octal digits followed by a NUL into `range` of `block`.
    static func writeOctal(_ value: UInt64, into block: inout [UInt8], range: Range<Int>) {
        precondition(value <= octalMax(width: range.count), "value \(value) does not fit \(range.count) bytes")
        var remaining = value
        block[range.upperBound - 1] = 0
        var index = range.upperBound - 2
        while index >= range.lowerBound {
            block[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining & 7)
            remaining >>= 3
            index -= 1
        }
    }

    /// Reads the field at `range` of `block`; nil when it is neither octal text nor positive base-256.
    ///
    /// Octal may be surrounded by spaces and ended by NUL or space, as old writers did; a blank field
    /// reads as 0. GNU tar switches to base-256 (high bit of the first byte set) for values that do
    /// not fit in octal, so the reader accepts that too. Negative base-256 values are refused.
    static func read(_ block: [UInt8], range: Range<Int>) -> UInt64? {
        let first = block[range.lowerBound]
        if first & 0x80 != 0 {
            return readBase256(block, range: range)
        }
        var index = range.lowerBound
        while index < range.upperBound && block[index] == UInt8(ascii: " ") {
            index += 1
        }
        var value: UInt64 = 0
        while index < range.upperBound {
            let byte = block[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") else { break }
            // A 12-byte field holds at most 36 bits, so this cannot overflow; keep the guard for limits' sake.
            guard value <= UInt64.max >> 3 else { return nil }
            value = value << 3 | UInt64(byte - UInt8(ascii: "0"))
            index += 1
        }
        while index < range.upperBound {
            let byte = block[index]
            guard byte == 0 || byte == UInt8(ascii: " ") else { return nil }
            index += 1
        }
        return value
    }

    private static func readBase256(_ block: [UInt8], range: Range<Int>) -> UInt64? {
        let first = block[range.lowerBound]
        guard first == 0x80 else { return nil }
        var value: UInt64 = 0
        for index in (range.lowerBound + 1)..<range.upperBound {
            guard value <= UInt64.max >> 8 else { return nil }
            value = value << 8 | UInt64(block[index])
        }
        return value
    }
}
