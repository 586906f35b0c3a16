import NIOCore
import NIOEmbedded
import NIOHTTP1

/// HTTP/1.1 parsing by SwiftNIO's NIOHTTP1 decoder, driven synchronously on an `EmbeddedChannel`: bytes in, message
/// parts out. No event loop thread is involved, so the decoder runs inside a simulation like any other synchronous
/// code, and parsing is NIO's well-tested llhttp rather than a hand-written parser. (Serialising, the easy half, is
/// `HTTPSerializer`'s.)
///
/// Not thread-safe: one codec per connection end, used on the simulation's thread.
final class HTTPWireCodec<Inbound, Outbound> {
    fileprivate let channel: EmbeddedChannel
    fileprivate var unflushedObservations = 0

    private init(handlers: [any ChannelHandler]) {
        channel = EmbeddedChannel()
        // Adding handlers to a fresh EmbeddedChannel cannot fail.
        try! channel.pipeline.syncOperations.addHandlers(handlers)
    }

    deinit {
        // A channel and its pipeline refer to each other until the channel is closed: without this every
        // connection's decoder stayed in memory for the rest of the process (LeakSanitizer: ~11 KiB per seed of
        // robust `ipfs-download-timeout`).
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    /// Decodes received bytes into zero or more inbound parts.
    func decode(_ bytes: ArraySlice<UInt8>) throws -> [Inbound] {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try channel.writeInbound(buffer)
        return try drainInbound()
    }

    /// Tells the decoder the stream ended (the peer closed): a message delimited by the close completes, a
    /// truncated one throws.
    func decodeEndOfStream() throws -> [Inbound] {
        channel.pipeline.fireChannelInactive()
        try channel.throwIfErrorCaught()
        return try drainInbound()
    }

    private func drainInbound() throws -> [Inbound] {
        var parts: [Inbound] = []
        while let part = try channel.readInbound(as: Inbound.self) { parts.append(part) }
        return parts
    }
}

extension HTTPWireCodec where Inbound == HTTPClientResponsePart, Outbound == HTTPClientRequestPart {
    /// The client side: decodes responses. Requests are serialised by `HTTPSerializer`, but the decoder still has to
    /// see each request head, to know that a HEAD request's response has no body: `observe` shows it.
    static func client() -> HTTPWireCodec {
        HTTPWireCodec(handlers: [ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))])
    }

    /// Tells the response decoder which request the next response answers. The decoder sees the head as it passes
    /// on its way out; the parts themselves are only flushed and discarded every few requests, which halves the
    /// cost of a small exchange's observation.
    func observe(_ head: HTTPRequestHead) throws {
        channel.pipeline.syncOperations.write(NIOAny(HTTPClientRequestPart.head(head)), promise: nil)
        unflushedObservations += 1
        if unflushedObservations >= 32 {
            unflushedObservations = 0
            channel.flush()
            while try channel.readOutbound(as: HTTPClientRequestPart.self) != nil {}
        }
        try channel.throwIfErrorCaught()
    }
}

extension HTTPWireCodec where Inbound == HTTPServerRequestPart, Outbound == HTTPServerResponsePart {
    /// The server side: decodes requests.
    static func server() -> HTTPWireCodec {
        HTTPWireCodec(handlers: [ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes))])
    }
}
