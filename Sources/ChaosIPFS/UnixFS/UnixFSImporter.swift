/// Turns a byte stream into a UnixFS file DAG exactly as `ipfs add` does with a fixed-size chunker and the balanced
/// layout, handing every block to a sink as soon as it is final.
///
/// Feed bytes with `append(_:sink:)` in pieces of any size, then call `finish(sink:)` once. The importer holds at
/// most one partial chunk plus 174 pending links per tree level, never the whole file. Blocks reach the sink in
/// creation order: leaves first, each parent right after its last child, the root last. The sink may throw (for
/// example when a block store is full); the error propagates and the importer must then be discarded.
///
/// A value type without shared state: use one instance from one task at a time.
public struct UnixFSImporter: Sendable {
    /// The options in force.
    public let options: UnixFSImportOptions

    /// Whether leaf blocks are built and handed to the sink; when false leaves are only hashed (see `init`).
    public let emitsLeaves: Bool

    /// Bytes of the chunk being filled; always shorter than `chunkSize` between calls.
    private var chunk: [UInt8] = []

    /// The internal nodes under construction.
    private var tree: BalancedTreeBuilder

    /// Set by `finish`, after which the importer must not be used.
    private var isFinished = false

    /// Creates an importer for one file.
    ///
    /// With `emitsLeaves` false the importer only names the file: each leaf is hashed straight from the input
    /// (framing, chunk, framing) instead of being encoded into a block, and the sink sees internal nodes only. The
    /// CIDs are the same; verifying content against a CID needs nothing more, and it saves a copy of every byte.
    public init(options: UnixFSImportOptions = UnixFSImportOptions(), emitsLeaves: Bool = true) {
        self.options = options
        self.emitsLeaves = emitsLeaves
        self.tree = BalancedTreeBuilder(cidVersion: options.cidVersion)
    }

    /// Adds the next bytes of the file; full chunks become leaf blocks at once.
    public mutating func append(_ bytes: some Collection<UInt8>, sink: (IPFSBlock) throws -> Void) rethrows {
        precondition(!isFinished, "append after finish")
        let handled: Bool? = try bytes.withContiguousStorageIfAvailable { buffer in
            try append(contiguous: UnsafeRawBufferPointer(buffer), isLast: false, sink: sink)
            return true
        }
        if handled == nil {
            // Copy a non-contiguous collection through a bounded buffer, one chunk's worth at a time.
            var iterator = bytes.makeIterator()
            var staging: [UInt8] = []
            staging.reserveCapacity(options.chunkSize)
            while let byte = iterator.next() {
                staging.append(byte)
                if staging.count == options.chunkSize {
                    try staging.withUnsafeBytes { try append(contiguous: $0, isLast: false, sink: sink) }
                    staging.removeAll(keepingCapacity: true)
                }
            }
            try staging.withUnsafeBytes { try append(contiguous: $0, isLast: false, sink: sink) }
        }
    }

    /// Adds the file's last bytes and finishes: the same blocks and root as `append` then `finish`, but a final
    /// partial chunk that lies in `bytes` is encoded from there rather than copied into the chunk buffer first.
    public mutating func finish(
        appending bytes: some Collection<UInt8>, sink: (IPFSBlock) throws -> Void
    ) rethrows -> ImportedNode {
        precondition(!isFinished, "append after finish")
        let handled: Bool? = try bytes.withContiguousStorageIfAvailable { buffer in
            try append(contiguous: UnsafeRawBufferPointer(buffer), isLast: true, sink: sink)
            return true
        }
        if handled == nil {
            try append(bytes, sink: sink)
        }
        return try finish(sink: sink)
    }

    /// Emits the last partial chunk and every unfinished internal node, and returns the file's root.
    ///
    /// An empty file yields the single empty leaf (`0a0408021800`, or the empty raw block with raw leaves).
    public mutating func finish(sink: (IPFSBlock) throws -> Void) rethrows -> ImportedNode {
        precondition(!isFinished, "finish called twice")
        isFinished = true
        if !chunk.isEmpty {
            try flushChunk(sink: sink)
            chunk = []
        }
        if let root = try tree.finish(sink: sink) {
            return root
        }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        guard emitsLeaves else { return hashLeaf(empty) }
        let (block, node) = makeLeaf(empty)
        try sink(block)
        return node
    }

    /// Imports a whole in-memory file in one call.
    public static func importFile(
        _ bytes: some Collection<UInt8>,
        options: UnixFSImportOptions = UnixFSImportOptions(),
        sink: (IPFSBlock) throws -> Void
    ) rethrows -> ImportedNode {
        var importer = UnixFSImporter(options: options)
        try importer.append(bytes, sink: sink)
        return try importer.finish(sink: sink)
    }

    /// `isLast` says no byte follows `buffer`, so a partial chunk at its end is already the file's last chunk.
    private mutating func append(
        contiguous buffer: UnsafeRawBufferPointer, isLast: Bool, sink: (IPFSBlock) throws -> Void
    ) rethrows {
        let chunkSize = options.chunkSize
        var rest = buffer[...]
        while !rest.isEmpty {
            if chunk.isEmpty, rest.count >= chunkSize || isLast {
                // A whole chunk (or the final one) is in the caller's buffer: encode it from there, skipping a copy.
                try addLeaf(UnsafeRawBufferPointer(rebasing: rest.prefix(chunkSize)), sink: sink)
                rest = rest.dropFirst(chunkSize)
                continue
            }
            if chunk.capacity < chunkSize {
                chunk.reserveCapacity(chunkSize)
            }
            let taken = rest.prefix(chunkSize - chunk.count)
            chunk.append(contentsOf: UnsafeRawBufferPointer(rebasing: taken))
            rest = rest.dropFirst(taken.count)
            if chunk.count == chunkSize {
                try flushChunk(sink: sink)
            }
        }
    }

    /// Turns the buffered chunk into a leaf and empties the buffer, keeping its storage.
    private mutating func flushChunk(sink: (IPFSBlock) throws -> Void) rethrows {
        // Move the buffer out of `self` so reading it while `addLeaf` mutates `self` is not an overlapping access.
        var full: [UInt8] = []
        swap(&full, &chunk)
        defer {
            full.removeAll(keepingCapacity: true)
            chunk = full
        }
        try full.withUnsafeBytes { try addLeaf($0, sink: sink) }
    }

    private mutating func addLeaf(_ data: UnsafeRawBufferPointer, sink: (IPFSBlock) throws -> Void) rethrows {
        guard emitsLeaves else {
            try tree.add(leaf: hashLeaf(data), sink: sink)
            return
        }
        let (block, node) = makeLeaf(data)
        try sink(block)
        try tree.add(leaf: node, sink: sink)
    }

    /// The node `makeLeaf` would return, computed by hashing the block's parts where they are.
    private func hashLeaf(_ data: UnsafeRawBufferPointer) -> ImportedNode {
        if options.rawLeaves {
            let cid = CID(version: .v1, codec: .raw, multihash: Multihash(sha256OfParts: [data]))
            return ImportedNode(cid: cid, tsize: UInt64(data.count), filesize: UInt64(data.count), kind: .file)
        }
        let framing = UnixFSData.fileLeafFraming(chunkCount: data.count)
        let multihash = framing.prefix.withUnsafeBytes { prefix in
            framing.suffix.withUnsafeBytes { suffix in Multihash(sha256OfParts: [prefix, data, suffix]) }
        }
        let blockSize = framing.prefix.count + data.count + framing.suffix.count
        return ImportedNode(
            cid: CID(version: options.cidVersion, codec: .dagPB, multihash: multihash),
            tsize: UInt64(blockSize), filesize: UInt64(data.count), kind: .file)
    }

    /// Encodes one chunk as a raw block (always CIDv1) or a UnixFS dag-pb leaf in the configured version.
    private func makeLeaf(_ data: UnsafeRawBufferPointer) -> (IPFSBlock, ImportedNode) {
        let block =
            options.rawLeaves
            ? IPFSBlock(version: .v1, codec: .raw, bytes: Array(data))
            : IPFSBlock(version: options.cidVersion, codec: .dagPB, bytes: UnixFSData.fileLeafBlock(chunk: data))
        let node = ImportedNode(
            cid: block.cid, tsize: UInt64(block.bytes.count), filesize: UInt64(data.count), kind: .file)
        return (block, node)
    }
}
