/// Builds one basic (unsharded) UnixFS directory node, `PBNode{Links: entries sorted by name bytes, Data: {Type: 1}}`.
///
/// Each link carries the entry name and the child's cumulative size, so the result matches Kubo's for the same
/// children. Nested directories are built inside out: finish the inner builder and add its node to the outer one.
///
/// Limit: there is no HAMT sharding, so a directory must fit one block of at most `blockSizeMax` bytes and `add`
/// refuses entries beyond that. Kubo 0.6 behaves the same by default; newer Kubo versions shard directories whose
/// links exceed about 256 KiB, so CIDs of such very large directories differ from theirs.
///
/// A value type without shared state: use one instance from one task at a time.
public struct UnixFSDirectoryBuilder: Sendable {
    /// The longest entry name in UTF-8 bytes, as on common file systems.
    public static let nameByteCountMax = 255

    /// The largest directory block; Kubo's soft limit for a single block.
    public static let blockSizeMax = 1_048_576

    /// One entry: its name, the name's bytes (the sort and uniqueness key) and the child's root.
    private struct Entry: Sendable {
        let name: String
        let nameBytes: [UInt8]
        let node: ImportedNode
    }

    /// The options in force; only the CID version matters for directories.
    public let options: UnixFSImportOptions

    private var entries: [Entry] = []
    private var nameBytesSeen: Set<[UInt8]> = []

    /// The encoded size of the block so far, starting with the Data field `0a 02 08 01`.
    private var blockSize = 4

    /// Creates an empty directory.
    public init(options: UnixFSImportOptions = UnixFSImportOptions()) {
        self.options = options
    }

    /// The number of entries added so far.
    public var count: Int { entries.count }

    /// Adds a child under `name`, which must be a single, unique path component.
    ///
    /// Names are compared and sorted by their UTF-8 bytes, as Kubo does, so differently normalized spellings of the
    /// same text are distinct entries.
    public mutating func add(name: String, node: ImportedNode) throws(UnixFSEntryError) {
        let nameBytes = Array(name.utf8)
        try Self.validate(name: name, bytes: nameBytes)
        guard !nameBytesSeen.contains(nameBytes) else {
            throw .duplicateName(name)
        }
        let link = PBLink(hash: node.cid, name: name, tsize: node.tsize)
        let size = blockSize + ProtobufWriter.lengthDelimitedFieldSize(link.encodedSize)
        guard size <= Self.blockSizeMax else {
            throw .directoryTooLarge(entryCount: entries.count + 1, blockSizeMax: Self.blockSizeMax)
        }
        blockSize = size
        nameBytesSeen.insert(nameBytes)
        entries.append(Entry(name: name, nameBytes: nameBytes, node: node))
    }

    /// Encodes the directory, hands its block to `sink` and returns its root.
    public func finish(sink: (IPFSBlock) throws -> Void) rethrows -> ImportedNode {
        let sorted = entries.sorted { $0.nameBytes.lexicographicallyPrecedes($1.nameBytes) }
        let links = sorted.map { PBLink(hash: $0.node.cid, name: $0.name, tsize: $0.node.tsize) }
        let node = PBNode(links: links, data: UnixFSData(kind: .directory).encoded)
        let block = IPFSBlock(version: options.cidVersion, codec: .dagPB, bytes: node.encoded)
        assert(block.bytes.count == blockSize, "directory size bookkeeping is off")
        try sink(block)
        return ImportedNode(
            cid: block.cid,
            tsize: sorted.reduce(UInt64(block.bytes.count)) { $0 + $1.node.tsize },
            filesize: 0,
            kind: .directory)
    }

    /// A builder holding only `node` under `name`, as `ipfs add --wrap-with-directory` makes.
    public static func wrapping(
        _ node: ImportedNode, name: String, options: UnixFSImportOptions = UnixFSImportOptions()
    ) throws(UnixFSEntryError) -> UnixFSDirectoryBuilder {
        var builder = UnixFSDirectoryBuilder(options: options)
        try builder.add(name: name, node: node)
        return builder
    }

    private static func validate(name: String, bytes: [UInt8]) throws(UnixFSEntryError) {
        guard !bytes.isEmpty else {
            throw .emptyName
        }
        guard bytes.count <= nameByteCountMax else {
            throw .nameTooLong(name, byteCount: bytes.count, byteCountMax: nameByteCountMax)
        }
        guard name != ".", name != "..", !bytes.contains(UInt8(ascii: "/")), !bytes.contains(0) else {
            throw .invalidName(name)
        }
    }
}
