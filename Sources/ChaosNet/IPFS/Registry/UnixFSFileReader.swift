/// Streams a UnixFS file's bytes in order, as slices of the stored blocks, within an offset/length window.
///
/// The walk holds one frame per tree level and fetches a block only when its bytes are due; subtrees wholly before
/// the window are skipped using the parent's blocksizes, so `cat` with a large offset reads only the blocks it needs.
/// A missing block throws `IPFSDAGError.blockNotFound` from the `next()` call that reaches it.
///
/// A value: use one instance from one task at a time.
public struct UnixFSFileReader: Sendable {
    private struct Frame: Sendable {
        let node: UnixFSNode
        var index = 0
    }

    private let dag: IPFSDAGReader
    private var stack: [Frame] = []
    /// The file offset of the next byte the walk visits.
    private var position: UInt64 = 0
    /// The window of file offsets to return.
    private let start: UInt64
    private let end: UInt64
    /// The root's own bytes, returned before its children.
    private var rootData: ArraySlice<UInt8>?

    /// The number of bytes the window covers: what `cat` announces as X-Content-Length.
    public let windowSize: UInt64

    init(dag: IPFSDAGReader, root: UnixFSNode, offset: UInt64, length: UInt64?) {
        precondition(root.kind == .file, "a file reader needs a file node")
        self.dag = dag
        start = min(offset, root.contentSize)
        let available = root.contentSize - start
        windowSize = min(available, length ?? available)
        end = start + windowSize
        rootData = root.fileData
        if !root.links.isEmpty { stack.append(Frame(node: root)) }
    }

    /// The next non-empty piece of the window, or nil after its last byte.
    public mutating func next() throws(IPFSDAGError) -> ArraySlice<UInt8>? {
        if let data = rootData {
            rootData = nil
            if let piece = clip(data) { return piece }
        }
        while position < end, !stack.isEmpty {
            let top = stack.count - 1
            let parent = stack[top].node
            let index = stack[top].index
            guard index < parent.links.count else {
                stack.removeLast()
                continue
            }
            stack[top].index += 1
            let size = parent.blocksizes[index]
            if position + size <= start {
                position += size
                continue
            }
            let child = try dag.node(parent.links[index].hash)
            guard child.kind == .file, child.contentSize == size else {
                throw .corruptBlock(parent.cid, reason: "child \(index) is not a file part of \(size) bytes")
            }
            if !child.links.isEmpty {
                guard stack.count < IPFSDAGReader.depthMax else { throw .tooDeep(depthMax: IPFSDAGReader.depthMax) }
                stack.append(Frame(node: child))
            }
            if let piece = clip(child.fileData) { return piece }
        }
        return nil
    }

    /// The part of `data` (which starts at `position`) inside the window; advances `position` past all of `data`.
    private mutating func clip(_ data: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let dataStart = position
        position += UInt64(data.count)
        let from = max(dataStart, start)
        let to = min(position, end)
        guard from < to else { return nil }
        let lower = data.startIndex + Int(from - dataStart)
        return data[lower..<(lower + Int(to - from))]
    }
}
