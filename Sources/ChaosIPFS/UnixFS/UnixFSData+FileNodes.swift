extension UnixFSData {
    /// Encodes the dag-pb block of a file leaf, `PBNode{Data: UnixFS{Type: File, Data: chunk, filesize}}`.
    ///
    /// This writes the nested messages in one pass so a 256 KiB chunk is copied once; it yields the same bytes as
    /// `PBNode(data: UnixFSData(kind: .file, data: chunk, filesize: n).encoded).encoded`. An empty chunk (only the
    /// empty file) omits the Data field, as Kubo does, giving `0a 04 08 02 18 00`.
    static func fileLeafBlock(chunk: UnsafeRawBufferPointer) -> [UInt8] {
        let framing = fileLeafFraming(chunkCount: chunk.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(framing.prefix.count + chunk.count + framing.suffix.count)
        bytes.append(contentsOf: framing.prefix)
        bytes.append(contentsOf: chunk)
        bytes.append(contentsOf: framing.suffix)
        return bytes
    }

    /// The bytes of a file leaf's block before and after its chunk: a leaf block is `prefix ‖ chunk ‖ suffix`.
    ///
    /// Hashing the three parts in turn names a leaf without building its block, which is all a verifier needs.
    static func fileLeafFraming(chunkCount: Int) -> (prefix: [UInt8], suffix: [UInt8]) {
        let chunkSize = UInt64(chunkCount)
        var unixFSSize = ProtobufWriter.varintFieldSize(Kind.file.rawValue) + ProtobufWriter.varintFieldSize(chunkSize)
        if chunkCount > 0 {
            unixFSSize += ProtobufWriter.lengthDelimitedFieldSize(chunkCount)
        }
        var prefix = ProtobufWriter(capacity: 16)
        prefix.appendBytesFieldHeader(1, length: unixFSSize)
        prefix.appendVarintField(1, Kind.file.rawValue)
        if chunkCount > 0 {
            prefix.appendBytesFieldHeader(2, length: chunkCount)
        }
        var suffix = ProtobufWriter(capacity: 12)
        suffix.appendVarintField(3, chunkSize)
        return (prefix.bytes, suffix.bytes)
    }

    /// Encodes the dag-pb block of an internal file node over `children`, which are chunks or lower internal nodes.
    ///
    /// Links carry an empty name and the child's cumulative size; the UnixFS message has the summed filesize and one
    /// blocksize per child, and no Data field.
    static func fileInternalBlock(children: [ImportedNode]) -> [UInt8] {
        precondition(!children.isEmpty, "an internal file node has at least one child")
        let links = children.map { PBLink(hash: $0.cid, name: "", tsize: $0.tsize) }
        let blocksizes = children.map(\.filesize)
        let unixFS = UnixFSData(kind: .file, filesize: blocksizes.reduce(0, +), blocksizes: blocksizes)
        return PBNode(links: links, data: unixFS.encoded).encoded
    }
}
