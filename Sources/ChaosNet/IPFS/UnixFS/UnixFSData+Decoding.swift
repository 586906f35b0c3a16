extension UnixFSData {
    /// Decodes a UnixFS Data message, typically the Data field of a `PBNode`.
    ///
    /// Unknown fields with valid wire types (such as hashType, fanout, mode and mtime) are skipped, as protobuf
    /// readers do; blocksizes are accepted packed or unpacked. Work is linear in the input, which is at most one block.
    public init(decoding bytes: [UInt8]) throws(ProtobufError) {
        guard bytes.count <= PBNode.blockSizeMax else {
            throw .blockTooLarge(size: bytes.count, sizeMax: PBNode.blockSizeMax)
        }
        var reader = ProtobufReader(message: "UnixFS Data", bytes: bytes, range: 0..<bytes.count)
        var kind: Kind?
        var data: [UInt8]?
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
                data = Array(bytes[try reader.readLengthDelimited()])
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
        self.init(kind: kind, data: data, filesize: filesize, blocksizes: blocksizes)
    }
}
