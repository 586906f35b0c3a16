import HTTPTypes
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
    fileprivate let collector = PartCollector<Inbound>()

    private init(decoder: any ChannelHandler, observesWrites: Bool = false) {
        channel = EmbeddedChannel()
        // Adding handlers to a fresh EmbeddedChannel cannot fail. A decoder that observes outbound parts has a sink
        // in front of it, so that what it has seen goes no further and never piles up in the channel.
        let handlers: [any ChannelHandler] = observesWrites ? [WriteSink(), decoder, collector] : [decoder, collector]
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
        // Straight into the pipeline rather than `writeInbound`, which copies the channel's whole inbound buffer
        // into an array on every call; the parts come out of the collector, typed, with no `NIOAny` round trip.
        channel.pipeline.syncOperations.fireChannelRead(NIOAny(buffer))
        return try collector.take()
    }

    /// Tells the decoder the stream ended (the peer closed): a message delimited by the close completes, a
    /// truncated one throws.
    func decodeEndOfStream() throws -> [Inbound] {
        channel.pipeline.syncOperations.fireChannelInactive()
        return try collector.take()
    }
}

/// The front of a client codec's pipeline: drops the request heads the response decoder has observed.
private final class WriteSink: ChannelOutboundHandler {
    typealias OutboundIn = Any

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        promise?.succeed(())
    }
}

/// The end of a codec's pipeline: keeps the decoded parts, and the first error the decoder raised.
private final class PartCollector<Part>: ChannelInboundHandler {
    typealias InboundIn = Part

    private var parts: [Part] = []
    private var error: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        parts.append(Self.unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.error == nil { self.error = error }
    }

    /// The parts decoded since the last call; throws the decoder's error instead once it has raised one.
    func take() throws -> [Part] {
        try throwIfErrorCaught()
        let taken = parts
        parts = []
        return taken
    }

    /// Throws the decoder's error, once, as `EmbeddedChannel.throwIfErrorCaught` does for its own tail.
    func throwIfErrorCaught() throws {
        guard let error else { return }
        self.error = nil
        throw error
    }
}

extension HTTPWireCodec where Inbound == HTTPClientResponsePart, Outbound == HTTPClientRequestPart {
    /// The client side: decodes responses. Requests are serialised by `HTTPSerializer`, but the decoder still has to
    /// see each request head, to know that a HEAD request's response has no body: `observe` shows it.
    static func client() -> HTTPWireCodec {
        HTTPWireCodec(
            decoder: ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes)),
            observesWrites: true)
    }

    /// Tells the response decoder which request the next response answers. The decoder sees the head as it passes
    /// on its way out, and of it uses only the method (a response to HEAD or CONNECT has no body), so the head it
    /// is shown carries nothing else: converting the request's fields for it cost more than the rest of the call.
    func observe(method: HTTPRequest.Method) throws {
        let head = HTTPRequestHead(version: .http1_1, method: NIOHTTP1.HTTPMethod(rawValue: method.rawValue), uri: "/")
        channel.pipeline.syncOperations.write(NIOAny(HTTPClientRequestPart.head(head)), promise: nil)
        try collector.throwIfErrorCaught()
    }
}

extension HTTPWireCodec where Inbound == HTTPServerRequestPart, Outbound == HTTPServerResponsePart {
    /// The server side: decodes requests.
    static func server() -> HTTPWireCodec {
        HTTPWireCodec(decoder: ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)))
    }
}
