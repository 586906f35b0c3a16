import ChaosNet

/// An independent, deliberately naive transcription of boxo's balanced builder (`Layout` and `fillNodeRec`), used to
/// check the streaming `UnixFSImporter` against the recursive algorithm it replaces.
///
/// It holds the whole file, builds leaves with the generic protobuf encoders rather than the importer's fast path,
/// and recurses exactly as boxo does: the first leaf is the root; while data remains, the old root becomes the first
/// child of a new root one level deeper, which is filled with up to `linksPerNodeMax` subtrees of the level below.
struct ReferenceBalancedLayout {
    let options: UnixFSImportOptions
    let linksPerNodeMax = UnixFSImportOptions.linksPerNodeMax
    private let chunks: [ArraySlice<UInt8>]
    private var next = 0

    init(file: [UInt8], options: UnixFSImportOptions) {
        self.options = options
        chunks = stride(from: 0, to: file.count, by: options.chunkSize).map {
            file[$0..<min($0 + options.chunkSize, file.count)]
        }
    }

    private var isDone: Bool { next == chunks.count }

    /// The root of the file's DAG.
    mutating func layout() -> ImportedNode {
        guard !isDone else {
            return leaf([])
        }
        var root = nextLeaf()
        var depth = 1
        while !isDone {
            root = fill(children: [root], depth: depth)
            depth += 1
        }
        return root
    }

    private mutating func fill(children initial: [ImportedNode], depth: Int) -> ImportedNode {
        var children = initial
        while children.count < linksPerNodeMax, !isDone {
            children.append(depth == 1 ? nextLeaf() : fill(children: [], depth: depth - 1))
        }
        let links = children.map { PBLink(hash: $0.cid, name: "", tsize: $0.tsize) }
        let sizes = children.map(\.filesize)
        let data = UnixFSData(kind: .file, filesize: sizes.reduce(0, +), blocksizes: sizes)
        let bytes = PBNode(links: links, data: data.encoded).encoded
        let cid = CID(version: options.cidVersion, codec: .dagPB, hashing: bytes)
        let tsize = children.reduce(UInt64(bytes.count)) { $0 + $1.tsize }
        return ImportedNode(cid: cid, tsize: tsize, filesize: data.filesize ?? 0, kind: .file)
    }

    private mutating func nextLeaf() -> ImportedNode {
        defer { next += 1 }
        return leaf(Array(chunks[next]))
    }

    private func leaf(_ chunk: [UInt8]) -> ImportedNode {
        let block: IPFSBlock
        if options.rawLeaves {
            block = IPFSBlock(version: .v1, codec: .raw, bytes: chunk)
        } else {
            let data = UnixFSData(kind: .file, data: chunk.isEmpty ? nil : chunk, filesize: UInt64(chunk.count))
            block = IPFSBlock(version: options.cidVersion, codec: .dagPB, bytes: PBNode(data: data.encoded).encoded)
        }
        return ImportedNode(
            cid: block.cid, tsize: UInt64(block.bytes.count), filesize: UInt64(chunk.count), kind: .file)
    }
}
