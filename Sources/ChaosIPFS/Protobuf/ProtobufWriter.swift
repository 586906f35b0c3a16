/// Appends proto2 wire-format fields to a byte buffer, in exactly the order the caller writes them.
///
/// Kubo's output is byte-for-byte reproducible only if fields appear in its order, so this writer never reorders.
struct ProtobufWriter {
    /// The wire types this library writes.
    enum WireType: UInt8 {
        case varint = 0
        case lengthDelimited = 2
    }

    /// The bytes written so far.
    private(set) var bytes: [UInt8]

    /// Starts an empty buffer with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes the protobuf varint encoding of `value` takes.
    static func varintSize(_ value: UInt64) -> Int {
        // Each byte carries seven bits; zero still takes one byte.
        let significantBits = 64 - value.leadingZeroBitCount
        return max(1, (significantBits + 6) / 7)
    }

    /// The size of a length-delimited field with a one-byte tag and `length` bytes of payload.
    static func lengthDelimitedFieldSize(_ length: Int) -> Int {
        1 + varintSize(UInt64(length)) + length
    }

    /// The size of a varint field with a one-byte tag.
    static func varintFieldSize(_ value: UInt64) -> Int {
        1 + varintSize(value)
    }

    /// Appends a protobuf varint (up to ten bytes, no minimality rule beyond the natural encoding).
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a field tag; field numbers stay below 16 here, so every tag is one byte.
    mutating func appendTag(field: UInt8, wireType: WireType) {
        precondition(field > 0 && field < 16, "only one-byte tags are used")
        bytes.append(field << 3 | wireType.rawValue)
    }

    /// Appends a varint field.
    mutating func appendVarintField(_ field: UInt8, _ value: UInt64) {
        appendTag(field: field, wireType: .varint)
        appendVarint(value)
    }

    /// Appends a length-delimited field holding `payload`.
    mutating func appendBytesField(_ field: UInt8, _ payload: some Collection<UInt8>) {
        appendTag(field: field, wireType: .lengthDelimited)
        appendVarint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    /// Appends the tag and length of a length-delimited field whose payload the caller writes next.
    mutating func appendBytesFieldHeader(_ field: UInt8, length: Int) {
        appendTag(field: field, wireType: .lengthDelimited)
        appendVarint(UInt64(length))
    }

    /// Appends raw bytes, for a payload announced by `appendBytesFieldHeader`.
    mutating func appendRaw(_ payload: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: payload)
    }
}
