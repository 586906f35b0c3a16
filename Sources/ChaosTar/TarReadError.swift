/// Why a tar stream could not be read; offsets count bytes from the start of the stream.
public enum TarReadError: Error, Hashable, Sendable {
    /// A header block's checksum does not match its contents.
    case badChecksum(offset: UInt64, stored: UInt64, computed: UInt64)
    /// A numeric header field holds something other than octal digits (or GNU base-256).
    case badNumericField(offset: UInt64, field: String)
    /// The member type is valid tar but not one ChaosNet accepts (hard links, devices, FIFOs, sparse files…).
    case unsupportedEntryType(offset: UInt64, typeflag: UInt8, description: String)
    /// A pax extended header record is malformed.
    case badPaxRecord(offset: UInt64, reason: String)
    /// A pax or GNU long-name header is larger than the reader's limit.
    case extendedHeaderTooLarge(offset: UInt64, size: UInt64, limit: Int)
    /// A pax or GNU long-name header was not followed by the member it describes.
    case extendedHeaderWithoutEntry(offset: UInt64)
    /// A path or link target contains a NUL byte, which no file system can represent.
    case pathContainsNUL(offset: UInt64)
    /// A path or link target is not valid UTF-8.
    case pathNotUTF8(offset: UInt64)
    /// A member has an empty path.
    case emptyPath(offset: UInt64)
    /// A single zero block was followed by a header instead of the second end block.
    case loneZeroBlock(offset: UInt64)
    /// Non-zero bytes follow the two end blocks.
    case garbageAfterEnd(offset: UInt64)
    /// The stream ended inside a header block.
    case truncatedHeader(offset: UInt64, got: Int)
    /// The stream ended inside a member's content (or inside an extended header's content).
    case truncatedData(path: String, expected: UInt64, got: UInt64)
    /// The stream ended inside the zero padding that rounds a member's content up to 512 bytes.
    case truncatedPadding(path: String, expected: Int, got: Int)
}

extension TarReadError: CustomStringConvertible {
    /// A one-line message that says where the problem is and what was expected.
    public var description: String {
        switch self {
        case .badChecksum(let offset, let stored, let computed):
            return "bad header checksum at offset \(offset): stored \(stored), computed \(computed)"
        case .badNumericField(let offset, let field):
            return "bad numeric field \(field) at offset \(offset): expected octal digits"
        case .unsupportedEntryType(let offset, let typeflag, let description):
            return "unsupported entry type \(Self.quotedTypeflag(typeflag)) (\(description)) at offset \(offset)"
        case .badPaxRecord(let offset, let reason):
            return "bad pax record at offset \(offset): \(reason)"
        case .extendedHeaderTooLarge(let offset, let size, let limit):
            return "extended header at offset \(offset) is \(size) bytes, more than the limit of \(limit)"
        case .extendedHeaderWithoutEntry(let offset):
            return "extended header is not followed by an entry at offset \(offset)"
        case .pathContainsNUL(let offset):
            return "path contains a NUL byte in the header at offset \(offset)"
        case .pathNotUTF8(let offset):
            return "path is not valid UTF-8 in the header at offset \(offset)"
        case .emptyPath(let offset):
            return "entry at offset \(offset) has an empty path"
        case .loneZeroBlock(let offset):
            return "lone zero block: expected a second end block at offset \(offset), found a header"
        case .garbageAfterEnd(let offset):
            return "garbage after the end blocks at offset \(offset)"
        case .truncatedHeader(let offset, let got):
            return "truncated header: got \(got) of 512 bytes at offset \(offset)"
        case .truncatedData(let path, let expected, let got):
            return "truncated data of entry \"\(path)\": expected \(expected) bytes, got \(got)"
        case .truncatedPadding(let path, let expected, let got):
            return "truncated padding after entry \"\(path)\": expected \(expected) bytes, got \(got)"
        }
    }

    private static func quotedTypeflag(_ typeflag: UInt8) -> String {
        if typeflag >= 0x20 && typeflag < 0x7F {
            return "'\(Character(Unicode.Scalar(typeflag)))'"
        }
        return "0x" + String(typeflag, radix: 16)
    }
}
