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
    /// The network faults that act on this connection, nil when none may (the control API's connections).
    var shaper: LiveConnectionShaper?
    /// A `slow_close` delay the FIN waits for, set by `close`, taken by `finishClosing`.
    private var pendingSlowClose: Duration?

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
        while true {
            guard let buffer = try await inbound.next() else { return nil }
            let bytes = ArraySlice(buffer.readableBytesView)
            guard let shaper else { return bytes }
            // The client's bytes reach the service as the faults on the upstream direction say.
            var arrived: [UInt8] = []
            try await shaper.move(bytes, .upstream, on: self) { arrived.append(contentsOf: $0) }
            if !arrived.isEmpty { return arrived[...] }
            // Swallowed by a black hole: read on.
        }
    }

    func write(_ bytes: ArraySlice<UInt8>) async throws {
        guard channel.isActive else { throw NetworkError.connectionClosed }
        guard let shaper else { return try await send(bytes) }
        try await shaper.move(bytes, .downstream, on: self) { piece in try await send(piece) }
    }

    private func send(_ bytes: ArraySlice<UInt8>) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw NetworkError.connectionClosed
        }
    }

    /// Closes now, or once `finishClosing` has waited out a `slow_close` fault active on the connection.
    func close() {
        if let delay = shaper?.slowCloseDelay(), delay > .zero, channel.isActive {
            pendingSlowClose = delay
            return
        }
        outbound.finish()
        channel.close(promise: nil)
    }

    /// After the exchange loop: waits out a pending `slow_close`, then closes.
    func finishClosing() async {
        guard let delay = pendingSlowClose else { return }
        pendingSlowClose = nil
        try? await sleep(delay)
        outbound.finish()
        channel.close(promise: nil)
    }

    /// Sleeps `duration` of wall time in slices, ending with `connectionClosed` as soon as the peer goes away, so
    /// that no task stays asleep for a client that gave up (or a server stopping).
    func sleep(_ duration: Duration) async throws {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {
            guard channel.isActive else { throw NetworkError.connectionClosed }
            let slice = min(Self.pollInterval, ContinuousClock.now.duration(to: end))
            try await Task.sleep(for: slice)  // determinism: ok — live mode runs on the real clock by design
        }
    }

    /// How often a waiting task looks at the socket (wall time).
    static let pollInterval = Duration.milliseconds(50)

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
