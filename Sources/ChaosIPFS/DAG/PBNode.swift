/// A dag-pb node: ordered links followed by opaque data, which for UnixFS is an encoded `UnixFSData`.
public struct PBNode: Hashable, Sendable {
    /// The links (protobuf field 2, repeated), written first.
    public var links: [PBLink]
    /// The payload (field 1), written after the links; nil means the field is absent.
    public var data: [UInt8]?

    /// Creates a node.
    public init(links: [PBLink] = [], data: [UInt8]?) {
        self.links = links
        self.data = data
    }

    /// The encoded block in Kubo's field order: every link, then Data.
    public var encoded: [UInt8] {
        let linkSizes = links.map(\.encodedSize)
        var capacity = linkSizes.reduce(0) { $0 + ProtobufWriter.lengthDelimitedFieldSize($1) }
        if let data {
            capacity += ProtobufWriter.lengthDelimitedFieldSize(data.count)
        }
        var writer = ProtobufWriter(capacity: capacity)
        for (link, size) in zip(links, linkSizes) {
            writer.appendBytesFieldHeader(2, length: size)
            link.append(to: &writer)
        }
        if let data {
            writer.appendBytesField(1, data)
        }
        return writer.bytes
    }
}
