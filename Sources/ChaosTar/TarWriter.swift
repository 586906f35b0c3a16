/// A streaming tar writer that produces headers and padding while the caller sends content itself.
///
/// Use: `header(for:)` for each entry; for a file, send its `size` content bytes in any pieces and
/// report each with `contentWritten(_:)`, which returns the zero padding once the content is complete;
/// finally `end()` returns the two zero end blocks. Headers are POSIX ustar, preceded by a pax `x`
/// header when a path, link target, size or mtime does not fit ustar. Every header has uid/gid 0 and
/// empty owner names, as Kubo's `get` writes them.
///
/// Content length mismatches are thrown as `TarWriteError` (they follow from corrupt input data) and
/// leave the writer unchanged; any use after `end()` is a programmer error and traps.
/// A value type with no shared state: safe to send between tasks, not to mutate from two at once.
public struct TarWriter: Sendable {
    private enum State: Sendable {
        case idle
        case content(path: String, size: UInt64, written: UInt64)
        case ended
    }

    private var state: State = .idle

    /// The name of the pax extended header members; readers that understand pax never show it.
    static let paxHeaderName: [UInt8] = Array("././@PaxHeader".utf8)

    /// Creates a writer positioned at the start of an archive.
    public init() {}

    /// The content bytes the current file still expects; 0 when no file is open.
    public var contentRemaining: UInt64 {
        if case .content(_, let size, let written) = state {
            return size - written
        }
        return 0
    }

    /// Returns the header bytes that introduce `entry`, a whole number of 512-byte blocks.
    public mutating func header(for entry: TarEntry) throws(TarWriteError) -> [UInt8] {
        try requireNoOpenContent()
        let path = Array(entry.path.utf8)
        try Self.validate(path, original: entry.path, what: "path")
        let linkTarget = Array(entry.linkTarget.utf8)
        if entry.kind == .symlink {
            try Self.validate(linkTarget, original: entry.linkTarget, what: "link target")
        }
        var paxData: [UInt8] = []
        let nameFields = Self.ustarSplit(path)
        if nameFields == nil {
            paxData += TarPaxRecords.record(key: "path", value: path)
        }
        let linkFits = linkTarget.count <= TarHeaderLayout.linkname.count && Self.isASCII(linkTarget)
        if !linkFits {
            paxData += TarPaxRecords.record(key: "linkpath", value: linkTarget)
        }
        let sizeFits = entry.size <= TarNumericField.octalMax(width: TarHeaderLayout.size.count)
        if !sizeFits {
            paxData += TarPaxRecords.record(key: "size", value: String(entry.size).utf8)
        }
        let mtimeFits = entry.mtime <= TarNumericField.octalMax(width: TarHeaderLayout.mtime.count)
        if !mtimeFits {
            paxData += TarPaxRecords.record(key: "mtime", value: String(entry.mtime).utf8)
        }
        var result: [UInt8] = []
        if !paxData.isEmpty {
            result += Self.paxHeader(paxData)
        }
        // Readers without pax support see a readable stand-in instead of nothing.
        let fallbackName = Self.asciiStandIn(path, count: TarHeaderLayout.name.count)
        let fallbackLink = Self.asciiStandIn(linkTarget, count: TarHeaderLayout.linkname.count)
        let block = TarHeaderBlock(
            name: nameFields?.name ?? fallbackName[...],
            prefix: nameFields?.prefix ?? [],
            linkname: linkFits ? linkTarget[...] : fallbackLink[...],
            mode: entry.mode,
            size: sizeFits ? entry.size : 0,
            mtime: mtimeFits ? entry.mtime : 0,
            typeflag: Self.typeflag(entry.kind))
        result += block.bytes
        if entry.kind == .file && entry.size > 0 {
            state = .content(path: entry.path, size: entry.size, written: 0)
        }
        return result
    }

    /// Records that the caller sent `count` more content bytes of the open file; returns the zero padding
    /// to send after them once the content is complete, otherwise an empty array.
    public mutating func contentWritten(_ count: Int) throws(TarWriteError) -> [UInt8] {
        precondition(count >= 0, "content count must not be negative")
        guard count > 0 else { return [] }
        switch state {
        case .idle:
            throw .noOpenFile
        case .ended:
            preconditionFailure("TarWriter used after end()")
        case .content(let path, let size, let written):
            let offered = written + UInt64(count)
            guard offered <= size else {
                throw .contentExceedsSize(path: path, size: size, offered: offered)
            }
            if offered < size {
                state = .content(path: path, size: size, written: offered)
                return []
            }
            state = .idle
            return [UInt8](repeating: 0, count: TarHeaderLayout.paddingCount(after: size))
        }
    }

    /// Returns the two 512-byte zero blocks that end the archive; the writer accepts nothing afterwards.
    public mutating func end() throws(TarWriteError) -> [UInt8] {
        try requireNoOpenContent()
        state = .ended
        return [UInt8](repeating: 0, count: 2 * TarHeaderLayout.blockSize)
    }

    private func requireNoOpenContent() throws(TarWriteError) {
        switch state {
        case .idle:
            return
        case .ended:
            preconditionFailure("TarWriter used after end()")
        case .content(let path, let size, let written):
            throw .contentIncomplete(path: path, size: size, written: written)
        }
    }
}
