import NIOHTTP1

/// Pulls HTTP message parts from a connection: reads bytes only when the decoded parts run out, so a slow consumer
/// never makes the simulation buffer a whole body.
final class HTTPPartReader<Inbound, Outbound> {
    /// Reads the connection's next bytes before a deadline (nil: none), nil at the end of the stream.
    typealias Read = (SimClock.Instant?) async throws -> ArraySlice<UInt8>?

    let read: Read
    let codec: HTTPWireCodec<Inbound, Outbound>
    private var parts: [Inbound] = []
    private var partsHead = 0
    /// The peer closed its side.
    private(set) var reachedEndOfStream = false

    init(connection: SimConnection, codec: HTTPWireCodec<Inbound, Outbound>) {
        self.read = { deadline in try await connection.read(deadline: deadline) }
        self.codec = codec
    }

    /// A reader of a connection that has no virtual clock (a real socket): deadlines are not supported.
    init(connection: any HTTPServerConnection, codec: HTTPWireCodec<Inbound, Outbound>) {
        self.read = { _ in try await connection.read() }
        self.codec = codec
    }

    /// The next part, or nil when the stream ended with no part left. Throws `NetworkError` from the connection and
    /// NIO's `HTTPParserError` for bytes that are not HTTP (or a message cut short at the end of the stream).
    func next(deadline: SimClock.Instant?) async throws -> Inbound? {
        while partsHead == parts.count {
            parts.removeAll(keepingCapacity: true)
            partsHead = 0
            if reachedEndOfStream { return nil }
            if let bytes = try await read(deadline) {
                parts = try codec.decode(bytes)
            } else {
                reachedEndOfStream = true
                parts = try codec.decodeEndOfStream()
            }
        }
        partsHead += 1
        return parts[partsHead - 1]
    }
}
