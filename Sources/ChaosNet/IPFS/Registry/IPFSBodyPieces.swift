import HTTPTypes

/// Sends a response body in pieces of exactly `pieceSize` bytes (the last one shorter), whatever sizes the producer
/// hands over, so that tests and scenarios see a stream arrive in predictable steps rather than in one write.
///
/// Not thread-safe: owned by the one task that writes the response body.
final class IPFSBodyPieces {
    private let writer: HTTPBodyWriter
    let pieceSize: Int
    private var buffer: [UInt8] = []
    /// Bytes handed to the HTTP writer so far.
    private(set) var byteCount = 0

    init(writer: HTTPBodyWriter, pieceSize: Int) {
        precondition(pieceSize > 0, "a body piece has at least one byte")
        self.writer = writer
        self.pieceSize = pieceSize
    }

    /// Queues `bytes`, sending every piece that becomes full; large slices go out without a copy.
    func write(_ bytes: ArraySlice<UInt8>) async throws {
        var rest = bytes
        while !rest.isEmpty {
            if buffer.isEmpty, rest.count >= pieceSize {
                try await send(rest.prefix(pieceSize))
                rest = rest.dropFirst(pieceSize)
                continue
            }
            let taken = rest.prefix(pieceSize - buffer.count)
            buffer.append(contentsOf: taken)
            rest = rest.dropFirst(taken.count)
            if buffer.count == pieceSize { try await flush() }
        }
    }

    func write(_ text: String) async throws {
        try await write(Array(text.utf8)[...])
    }

    /// Sends what is queued.
    func flush() async throws {
        guard !buffer.isEmpty else { return }
        try await send(buffer[...])
        buffer.removeAll(keepingCapacity: true)
    }

    /// Ends an RPC reply after a mid-stream error: sends what was produced before it, then names the error in the
    /// `X-Stream-Error` trailer, which the server sends after the last chunk, as Kubo does.
    func fail(with message: String) async throws {
        try await flush()
        writer.trailers = [.ipfsStreamError: message]
    }

    private func send(_ bytes: ArraySlice<UInt8>) async throws {
        try await writer.write(bytes)
        byteCount += bytes.count
    }
}
