import Foundation

/// Bytes of one document, read in fixed-size chunks so that a file of any size costs one chunk of memory. It counts
/// lines as it goes, because every refusal names one.
struct XMLByteSource {
    /// 64 KiB reads: large enough that the per-read cost vanishes, small enough to be a fixed, bounded buffer.
    static let chunkBytes = 65_536

    private var chunk: [UInt8]
    private var index = 0
    private let handle: FileHandle?
    private(set) var readFailure: String?
    /// 1-based line of the next byte.
    private(set) var line = 1

    /// A source over bytes already in memory (tests, small inputs).
    init(bytes: [UInt8]) {
        chunk = bytes
        handle = nil
    }

    /// A source that reads the open file `handle` chunk by chunk, from its current offset.
    init(handle: FileHandle) {
        chunk = []
        self.handle = handle
    }

    /// The next byte, or nil at the end of input (or after a read error, kept in `readFailure`).
    @inline(__always)
    mutating func next() -> UInt8? {
        if index == chunk.count, !refill() { return nil }
        let byte = chunk[index]
        index += 1
        if byte == 0x0A { line += 1 }
        return byte
    }

    /// The next byte without consuming it.
    @inline(__always)
    mutating func peek() -> UInt8? {
        if index == chunk.count, !refill() { return nil }
        return chunk[index]
    }

    private mutating func refill() -> Bool {
        guard let handle, readFailure == nil else { return false }
        do {
            guard let data = try handle.read(upToCount: Self.chunkBytes), !data.isEmpty else { return false }
            chunk = [UInt8](data)
            index = 0
            return true
        } catch {
            readFailure = "\(error)"
            return false
        }
    }
}
