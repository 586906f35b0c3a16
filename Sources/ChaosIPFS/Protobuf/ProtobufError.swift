/// Why a dag-pb node or UnixFS Data message could not be decoded.
///
/// Each case names the message being read and the byte offset of the problem within the block, so that a corrupt or
/// hostile block is reported precisely instead of crashing or being half-read.
public enum ProtobufError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The block is larger than the decoder accepts.
    case blockTooLarge(size: Int, sizeMax: Int)
    /// A field, length or varint runs past the end of its message.
    case truncated(message: String, offset: Int)
    /// A varint is longer than ten bytes or does not fit in 64 bits.
    case varintOverflow(message: String, offset: Int)
    /// A field number is zero or larger than protobuf allows.
    case invalidFieldNumber(message: String, field: UInt64, offset: Int)
    /// A known field arrived with the wrong wire type, or a wire type that does not exist.
    case unexpectedWireType(message: String, field: UInt64, wireType: UInt8, offset: Int)
    /// A field that the dag-pb format does not define.
    case unknownField(message: String, field: UInt64, offset: Int)
    /// A non-repeated field appeared twice.
    case duplicateField(message: String, field: String, offset: Int)
    /// A required field is absent.
    case missingField(message: String, field: String)
    /// A field appeared after one that dag-pb requires it to precede.
    case fieldOutOfOrder(message: String, field: String, before: String, offset: Int)
    /// A link's Hash is not a supported CID.
    case invalidLinkHash(offset: Int, reason: MultiformatError)
    /// A string field is not valid UTF-8.
    case invalidUTF8(message: String, field: String, offset: Int)
    /// The UnixFS Type is not one of the defined node types.
    case unknownUnixFSType(value: UInt64, offset: Int)

    /// A sentence that says what was wrong and where.
    public var description: String {
        switch self {
        case .blockTooLarge(let size, let sizeMax):
            return "block of \(size) bytes is larger than the limit of \(sizeMax) bytes"
        case .truncated(let message, let offset):
            return "\(message) truncated at byte \(offset)"
        case .varintOverflow(let message, let offset):
            return "\(message) varint at byte \(offset) overflows 64 bits"
        case .invalidFieldNumber(let message, let field, let offset):
            return "\(message) has invalid field number \(field) at byte \(offset)"
        case .unexpectedWireType(let message, let field, let wireType, let offset):
            return "\(message) field \(field) has unexpected wire type \(wireType) at byte \(offset)"
        case .unknownField(let message, let field, let offset):
            return "\(message) has unknown field \(field) at byte \(offset)"
        case .duplicateField(let message, let field, let offset):
            return "\(message) repeats field \(field) at byte \(offset)"
        case .missingField(let message, let field):
            return "\(message) lacks required field \(field)"
        case .fieldOutOfOrder(let message, let field, let before, let offset):
            return "\(message) field \(field) at byte \(offset) must come before \(before)"
        case .invalidLinkHash(let offset, let reason):
            return "PBLink Hash at byte \(offset) is not a supported CID: \(reason)"
        case .invalidUTF8(let message, let field, let offset):
            return "\(message) field \(field) at byte \(offset) is not valid UTF-8"
        case .unknownUnixFSType(let value, let offset):
            return "UnixFS Data has unknown Type \(value) at byte \(offset)"
        }
    }
}
