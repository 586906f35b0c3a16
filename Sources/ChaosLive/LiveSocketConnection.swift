import ChaosNet
import NIOCore
import NIOPosix

/// A real TCP connection as an `HTTPServerConnection`, so that the simulation's exchange loop serves it.
///
/// Not thread-safe: use on live mode's serial executor (one task per connection).
final class LiveSocketConnection: HTTPServerConnection, @unchecked Sendable {
    let id: Int
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// The `reset_peer` faults that act on this connection, nil when none may (the control API's connections).
    var peerResets: LivePeerResets?

    init(
        id: Int, channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.id = id
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// The peer's address, for the log.
    var peer: String { channel.remoteAddress.map { "\($0)" } ?? "unknown peer" }

    /// Whether the socket is still open (a peer that went away closes it).
    var isActive: Bool { channel.isActive }

    func read() async throws -> ArraySlice<UInt8>? {
        guard let buffer = try await inbound.next() else { return nil }
        // Upstream bytes moved (client to service): a reset due now loses them, as a simulated reset would.
        try peerResets?.check(.upstream, on: self)
        return ArraySlice(buffer.readableBytesView)
    }

    func write(_ bytes: ArraySlice<UInt8>) async throws {
        guard channel.isActive else { throw NetworkError.connectionClosed }
        try peerResets?.check(.downstream, on: self)
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw NetworkError.connectionClosed
        }
    }

    func close() {
        outbound.finish()
        channel.close(promise: nil)
    }

    /// An RST rather than a FIN: with SO_LINGER at zero, closing the socket discards unsent data and resets.
    func reset() {
        let channel = channel
        guard let options = channel as? any SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        options.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }
}
