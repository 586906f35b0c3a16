import NIOCore
import NIOEmbedded
import NIOHTTP1

/// HTTP/1.1 framing by SwiftNIO's NIOHTTP1 codec, driven synchronously on an `EmbeddedChannel`: parts in, bytes
/// out, and bytes in, parts out. No event loop thread is involved, so the codec runs inside a simulation like any
/// other synchronous code, and the wire format is NIO's well-tested one rather than a hand-written parser.
///
/// Not thread-safe: one codec per connection end, used on the simulation's thread.
final class HTTPWireCodec<Inbound, Outbound> {
    private let channel: EmbeddedChannel

    private init(handlers: [any ChannelHandler]) {
        channel = EmbeddedChannel()
        // Adding handlers to a fresh EmbeddedChannel cannot fail.
        try! channel.pipeline.syncOperations.addHandlers(handlers)
    }

    /// Encodes one outbound part into the bytes to put on the wire.
    func encode(_ part: Outbound) throws -> [ArraySlice<UInt8>] {
        try channel.writeOutbound(part)
        var chunks: [ArraySlice<UInt8>] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            chunks.append(ArraySlice(buffer.readableBytesView))
        }
        return chunks
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
    /// The client side: encodes requests, decodes responses (knowing which requests were HEAD).
    static func client() -> HTTPWireCodec {
        HTTPWireCodec(handlers: [
            HTTPRequestEncoder(),
            ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes)),
        ])
    }
}

extension HTTPWireCodec where Inbound == HTTPServerRequestPart, Outbound == HTTPServerResponsePart {
    /// The server side: decodes requests, encodes responses.
    static func server() -> HTTPWireCodec {
        HTTPWireCodec(handlers: [
            HTTPResponseEncoder(),
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)),
        ])
    }
}
