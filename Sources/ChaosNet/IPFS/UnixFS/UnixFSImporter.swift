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

    /// Bytes of the chunk being filled; always shorter than `chunkSize` between calls.
    private var chunk: [UInt8] = []

    /// The internal nodes under construction.
    private var tree: BalancedTreeBuilder

    /// Set by `finish`, after which the importer must not be used.
    private var isFinished = false

    /// Creates an importer for one file.
    public init(options: UnixFSImportOptions = UnixFSImportOptions()) {
        self.options = options
        self.tree = BalancedTreeBuilder(cidVersion: options.cidVersion)
    }

    /// Adds the next bytes of the file; full chunks become leaf blocks at once.
    public mutating func append(_ bytes: some Collection<UInt8>, sink: (IPFSBlock) throws -> Void) rethrows {
        precondition(!isFinished, "append after finish")
        let handled: Bool? = try bytes.withContiguousStorageIfAvailable { buffer in
            try append(contiguous: UnsafeRawBufferPointer(buffer), sink: sink)
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
                    try staging.withUnsafeBytes { try append(contiguous: $0, sink: sink) }
                    staging.removeAll(keepingCapacity: true)
                }
            }
            try staging.withUnsafeBytes { try append(contiguous: $0, sink: sink) }
        }
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
        let (block, node) = makeLeaf(UnsafeRawBufferPointer(start: nil, count: 0))
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

    private mutating func append(contiguous buffer: UnsafeRawBufferPointer, sink: (IPFSBlock) throws -> Void) rethrows {
        let chunkSize = options.chunkSize
        var rest = buffer[...]
        while !rest.isEmpty {
            if chunk.isEmpty, rest.count >= chunkSize {
                // A whole chunk is available in the caller's buffer: encode it from there and skip one copy.
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
        let (block, node) = makeLeaf(data)
        try sink(block)
        try tree.add(leaf: node, sink: sink)
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
