/// A dag-pb link: the child's CID, its name within the parent, and the cumulative size of the child's DAG.
public struct PBLink: Hashable, Sendable {
    /// The child's CID (protobuf field 1, `Hash`).
    public var hash: CID
    /// The entry name (field 2); file chunk links carry an empty name, which Kubo still writes as `12 00`.
    public var name: String?
    /// The child's block size plus the sizes of everything below it (field 3).
    public var tsize: UInt64?

    /// Creates a link.
    public init(hash: CID, name: String?, tsize: UInt64?) {
        self.hash = hash
        self.name = name
        self.tsize = tsize
    }

    /// The encoded message in Kubo's field order: Hash, Name, Tsize.
    public var encoded: [UInt8] {
        var writer = ProtobufWriter(capacity: encodedSize)
        append(to: &writer)
        return writer.bytes
    }

    /// The length of `encoded`, computed without encoding.
    var encodedSize: Int {
        var size = ProtobufWriter.lengthDelimitedFieldSize(hash.byteCount)
        if let name {
            size += ProtobufWriter.lengthDelimitedFieldSize(name.utf8.count)
        }
        if let tsize {
            size += ProtobufWriter.varintFieldSize(tsize)
        }
        return size
    }

    /// Writes the message body (without an enclosing tag) to `writer`.
    func append(to writer: inout ProtobufWriter) {
        writer.appendBytesField(1, hash.bytes)
        if let name {
            writer.appendBytesField(2, name.utf8)
        }
        if let tsize {
            writer.appendVarintField(3, tsize)
        }
    }
}
