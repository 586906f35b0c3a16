extension UnixFSData {
    /// Decodes a UnixFS Data message, typically the Data field of a `PBNode`.
    ///
    /// Unknown fields with valid wire types (such as hashType, fanout, mode and mtime) are skipped, as protobuf
    /// readers do; blocksizes are accepted packed or unpacked. Work is linear in the input, which is at most one block.
    public init(decoding bytes: [UInt8]) throws(ProtobufError) {
        let layout = try Self.layout(decoding: bytes, range: 0..<bytes.count)
        self.init(
            kind: layout.kind, data: layout.data.map { Array(bytes[$0]) }, filesize: layout.filesize,
            blocksizes: layout.blocksizes)
    }

    /// The fields of the message in `range` of `bytes`, with the Data field as a range of `bytes` rather than a copy,
    /// so that a reader can slice a leaf's content out of its block. Error offsets are positions in `bytes`.
    package static func layout(decoding bytes: [UInt8], range: Range<Int>) throws(ProtobufError)
        -> (kind: Kind, data: Range<Int>?, filesize: UInt64?, blocksizes: [UInt64])
    {
        guard range.count <= PBNode.blockSizeMax else {
            throw .blockTooLarge(size: range.count, sizeMax: PBNode.blockSizeMax)
        }
        var reader = ProtobufReader(message: "UnixFS Data", bytes: bytes, range: range)
        var kind: Kind?
        var data: Range<Int>?
        var filesize: UInt64?
        var blocksizes: [UInt64] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1:
                try reader.expect(field, wireType: 0)
                guard kind == nil else {
                    throw .duplicateField(message: reader.message, field: "Type", offset: field.offset)
                }
                let valueOffset = reader.offset
                let value = try reader.readVarint()
                guard let decoded = Kind(rawValue: value) else {
                    throw .unknownUnixFSType(value: value, offset: valueOffset)
                }
                kind = decoded
            case 2:
                try reader.expect(field, wireType: 2)
                guard data == nil else {
                    throw .duplicateField(message: reader.message, field: "Data", offset: field.offset)
                }
                data = try reader.readLengthDelimited()
            case 3:
                try reader.expect(field, wireType: 0)
                guard filesize == nil else {
                    throw .duplicateField(message: reader.message, field: "filesize", offset: field.offset)
                }
                filesize = try reader.readVarint()
            case 4 where field.wireType == 0:
                blocksizes.append(try reader.readVarint())
            case 4:
                try reader.expect(field, wireType: 2)
                let range = try reader.readLengthDelimited()
                var packed = ProtobufReader(message: reader.message, bytes: bytes, range: range)
                while !packed.isAtEnd {
                    blocksizes.append(try packed.readVarint())
                }
            default:
                try reader.skip(field)
            }
        }
        guard let kind else {
            throw .missingField(message: reader.message, field: "Type")
        }
        return (kind, data, filesize, blocksizes)
    }
}
