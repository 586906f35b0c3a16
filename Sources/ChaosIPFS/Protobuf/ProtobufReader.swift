/// Reads proto2 wire-format fields from a region of a block without copying, checking every length against the end.
///
/// Offsets in errors are positions in the whole block, so nested messages report where the problem really is.
struct ProtobufReader {
    /// One decoded field header.
    struct Field {
        /// The field number.
        let number: UInt64
        /// The wire type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (3 and 4 are rejected).
        let wireType: UInt8
        /// Where the tag starts.
        let offset: Int
    }

    /// The largest field number protobuf allows.
    static let fieldNumberMax: UInt64 = 1 << 29 - 1

    /// The message name used in errors.
    let message: String
    /// The whole block.
    let bytes: [UInt8]
    /// One past the last byte of this message.
    let end: Int
    /// The next byte to read.
    private(set) var offset: Int

    /// Reads `range` of `bytes` as a message called `message`.
    init(message: String, bytes: [UInt8], range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "reader range outside the block")
        self.message = message
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether every byte of the message has been read.
    var isAtEnd: Bool { offset >= end }

    /// Reads the next field header, or returns nil at the end of the message.
    mutating func nextField() throws(ProtobufError) -> Field? {
        guard !isAtEnd else {
            return nil
        }
        let start = offset
        let key = try readVarint()
        let number = key >> 3
        let wireType = UInt8(key & 0x7)
        guard number > 0, number <= Self.fieldNumberMax else {
            throw .invalidFieldNumber(message: message, field: number, offset: start)
        }
        return Field(number: number, wireType: wireType, offset: start)
    }

    /// Reads a protobuf varint of at most ten bytes.
    mutating func readVarint() throws(ProtobufError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else {
                throw .truncated(message: message, offset: offset)
            }
            let byte = bytes[offset]
            offset += 1
            // The tenth byte may only hold the single remaining bit of a 64-bit value.
            if shift == 63, byte > 1 {
                throw .varintOverflow(message: message, offset: start)
            }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 {
                return value
            }
            shift += 7
        }
    }

    /// Reads the length prefix of a length-delimited field and returns the payload's range, skipping past it.
    mutating func readLengthDelimited() throws(ProtobufError) -> Range<Int> {
        let lengthOffset = offset
        let length = try readVarint()
        guard length <= UInt64(end - offset) else {
            throw .truncated(message: message, offset: lengthOffset)
        }
        let range = offset..<offset + Int(length)
        offset = range.upperBound
        return range
    }

    /// Skips a field's value according to its wire type; groups (3 and 4) and undefined types are rejected.
    mutating func skip(_ field: Field) throws(ProtobufError) {
        switch field.wireType {
        case 0:
            _ = try readVarint()
        case 1:
            try skipFixed(8)
        case 2:
            _ = try readLengthDelimited()
        case 5:
            try skipFixed(4)
        default:
            throw .unexpectedWireType(
                message: message, field: field.number, wireType: field.wireType, offset: field.offset)
        }
    }

    /// Throws unless the field has the expected wire type.
    func expect(_ field: Field, wireType: UInt8) throws(ProtobufError) {
        guard field.wireType == wireType else {
            throw .unexpectedWireType(
                message: message, field: field.number, wireType: field.wireType, offset: field.offset)
        }
    }

    private mutating func skipFixed(_ count: Int) throws(ProtobufError) {
        guard end - offset >= count else {
            throw .truncated(message: message, offset: offset)
        }
        offset += count
    }
}
