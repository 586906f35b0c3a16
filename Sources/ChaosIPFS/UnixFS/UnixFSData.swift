/// The UnixFS `Data` message stored in a dag-pb node's Data field: what kind of node it is and, for files, sizes.
public struct UnixFSData: Hashable, Sendable {
    /// The UnixFS node type (protobuf field 1).
    public enum Kind: UInt64, Hashable, Sendable, CaseIterable {
        /// A raw-data node, written by old importers.
        case raw = 0
        /// A directory whose entries are the dag-pb links.
        case directory = 1
        /// A file: a leaf with data, or an internal node over chunks.
        case file = 2
        /// A metadata node (unused by `ipfs add`).
        case metadata = 3
        /// A symbolic link whose target is `data`.
        case symlink = 4
        /// A HAMT-sharded directory, which this library reads as a type but never writes.
        case hamtShard = 5
    }

    /// The node type.
    public var kind: Kind
    /// The payload (field 2): file bytes for a leaf, the target for a symlink; nil means the field is absent.
    public var data: [UInt8]?
    /// The total file size below this node (field 3); nil means the field is absent.
    public var filesize: UInt64?
    /// The file size under each link, in link order (field 4, repeated and written unpacked as Kubo does).
    public var blocksizes: [UInt64]

    /// Creates a message.
    public init(kind: Kind, data: [UInt8]? = nil, filesize: UInt64? = nil, blocksizes: [UInt64] = []) {
        self.kind = kind
        self.data = data
        self.filesize = filesize
        self.blocksizes = blocksizes
    }

    /// The encoded message in field order Type, Data, filesize, blocksizes.
    public var encoded: [UInt8] {
        var writer = ProtobufWriter(capacity: encodedSize)
        writer.appendVarintField(1, kind.rawValue)
        if let data {
            writer.appendBytesField(2, data)
        }
        if let filesize {
            writer.appendVarintField(3, filesize)
        }
        for size in blocksizes {
            writer.appendVarintField(4, size)
        }
        return writer.bytes
    }

    /// The length of `encoded`, computed without encoding.
    var encodedSize: Int {
        var size = ProtobufWriter.varintFieldSize(kind.rawValue)
        if let data {
            size += ProtobufWriter.lengthDelimitedFieldSize(data.count)
        }
        if let filesize {
            size += ProtobufWriter.varintFieldSize(filesize)
        }
        for blocksize in blocksizes {
            size += ProtobufWriter.varintFieldSize(blocksize)
        }
        return size
    }
}
