extension PBNode {
    /// The largest block `init(decoding:)` accepts: 2 MiB, the most bitswap transfers in one block.
    public static let blockSizeMax = 2 * 1_024 * 1_024

    /// Decodes a dag-pb block strictly as the dag-pb spec requires: links before Data, no unknown or repeated fields.
    ///
    /// Work and memory are linear in the block size, which is capped at `blockSizeMax`.
    public init(decoding block: [UInt8]) throws(ProtobufError) {
        let layout = try Self.layout(decoding: block)
        self.init(links: layout.links, data: layout.data.map { Array(block[$0]) })
    }

    /// Decodes a dag-pb block like `init(decoding:)` but leaves the Data field in place: its range in `block`, so
    /// that a reader can slice a leaf's content out of the stored block instead of copying it.
    package static func layout(decoding block: [UInt8]) throws(ProtobufError) -> (links: [PBLink], data: Range<Int>?) {
        guard block.count <= Self.blockSizeMax else {
            throw .blockTooLarge(size: block.count, sizeMax: Self.blockSizeMax)
        }
        var reader = ProtobufReader(message: "PBNode", bytes: block, range: 0..<block.count)
        var links: [PBLink] = []
        var data: Range<Int>?
        while let field = try reader.nextField() {
            switch field.number {
            case 1:
                try reader.expect(field, wireType: 2)
                guard data == nil else {
                    throw .duplicateField(message: reader.message, field: "Data", offset: field.offset)
                }
                data = try reader.readLengthDelimited()
            case 2:
                try reader.expect(field, wireType: 2)
                guard data == nil else {
                    throw .fieldOutOfOrder(
                        message: reader.message, field: "Links", before: "Data", offset: field.offset)
                }
                let range = try reader.readLengthDelimited()
                links.append(try PBLink(decoding: block, range: range))
            default:
                throw .unknownField(message: reader.message, field: field.number, offset: field.offset)
            }
        }
        return (links, data)
    }
}

extension PBLink {
    /// Decodes one link from `range` of `block`; fields must appear at most once and in the order Hash, Name, Tsize.
    init(decoding block: [UInt8], range: Range<Int>) throws(ProtobufError) {
        var reader = ProtobufReader(message: "PBLink", bytes: block, range: range)
        var hash: CID?
        var name: String?
        var tsize: UInt64?
        var lastField: UInt64 = 0
        while let field = try reader.nextField() {
            if field.number <= 3, field.number == lastField {
                throw .duplicateField(
                    message: reader.message, field: Self.fieldName(field.number), offset: field.offset)
            }
            if field.number <= 3, field.number < lastField {
                throw .fieldOutOfOrder(
                    message: reader.message, field: Self.fieldName(field.number), before: Self.fieldName(lastField),
                    offset: field.offset)
            }
            lastField = field.number
            switch field.number {
            case 1:
                try reader.expect(field, wireType: 2)
                let hashRange = try reader.readLengthDelimited()
                do {
                    hash = try CID(bytes: block[hashRange])
                } catch {
                    throw .invalidLinkHash(offset: hashRange.lowerBound, reason: error)
                }
            case 2:
                try reader.expect(field, wireType: 2)
                let nameRange = try reader.readLengthDelimited()
                guard let text = String(validating: block[nameRange], as: UTF8.self) else {
                    throw .invalidUTF8(message: reader.message, field: "Name", offset: nameRange.lowerBound)
                }
                name = text
            case 3:
                try reader.expect(field, wireType: 0)
                tsize = try reader.readVarint()
            default:
                throw .unknownField(message: reader.message, field: field.number, offset: field.offset)
            }
        }
        guard let hash else {
            throw .missingField(message: reader.message, field: "Hash")
        }
        self.init(hash: hash, name: name, tsize: tsize)
    }

    private static func fieldName(_ number: UInt64) -> String {
        switch number {
        case 1: return "Hash"
        case 2: return "Name"
        default: return "Tsize"
        }
    }
}
