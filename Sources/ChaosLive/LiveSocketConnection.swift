import ChaosNet
import NIOCore
import NIOPosix
import Synchronization

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
    /// A close `close` deferred to `finishClosing`: for pieces still in flight, and a `slow_close` delay.
    private var pendingClose: Duration?
    /// When the last piece in flight is due on the socket (shaped connections).
    private var lastArrival = NIODeadline.uptimeNanoseconds(0)
    /// Bytes of pieces in flight or being written: a writer waits while they exceed `window`.
    private let unsent = UnsentBytes()
    /// The bytes a shaped connection keeps in flight at most, as a TCP send window does: with latency L a stream
    /// moves at most `window` per L, the bandwidth-delay limit of a real link.
    static let window = 256 << 10

    private final class UnsentBytes: Sendable {
        let count = Atomic<Int>(0)
    }

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
            // A request is read piece by piece as it arrives: the service waits for each piece's latency.
            var arrived: [UInt8] = []
            try await shaper.move(bytes, .upstream, on: self) { piece, inFlight in
                if inFlight > .zero { try await sleep(inFlight) }
                arrived.append(contentsOf: piece)
            }
            if !arrived.isEmpty { return arrived[...] }
            // Swallowed by a black hole: read on.
        }
    }

    func write(_ bytes: ArraySlice<UInt8>) async throws {
        guard channel.isActive else { throw NetworkError.connectionClosed }
        guard let shaper else { return try await send(bytes) }
        try await shaper.move(bytes, .downstream, on: self) { piece, inFlight in
            try await sendShaped(piece, inFlight: inFlight)
        }
    }

    /// Puts `piece` on the socket `inFlight` from now, after the pieces before it, on the event loop's timers, so
    /// that the writer goes on while it travels; waits while `window` bytes are unsent.
    private func sendShaped(_ piece: ArraySlice<UInt8>, inFlight: Duration) async throws {
        while unsent.count.load(ordering: .relaxed) > Self.window {
            try await sleep(.milliseconds(5))
        }
        let buffer = ByteBuffer(bytes: piece)
        let now = NIODeadline.now()
        let due = max(now + .nanoseconds(inFlight.nanosecondsClamped), lastArrival + .nanoseconds(1))
        let unsent = unsent
        let count = piece.count
        unsent.count.add(count, ordering: .relaxed)
        lastArrival = due
        let channel = channel
        channel.eventLoop.scheduleTask(deadline: due) {
            channel.writeAndFlush(buffer).whenComplete { _ in unsent.count.subtract(count, ordering: .relaxed) }
        }
    }

    private func send(_ bytes: ArraySlice<UInt8>) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw NetworkError.connectionClosed
        }
    }

    /// Closes now, or once `finishClosing` has waited out a `slow_close` fault active on the connection.
    /// Closes now, or once `finishClosing` has let the pieces in flight arrive and waited out a `slow_close`.
    func close() {
        guard let shaper, channel.isActive else { return closeNow() }
        let delay = shaper.slowCloseDelay()
        guard delay > .zero || lastArrival > NIODeadline.now() || unsent.count.load(ordering: .relaxed) > 0 else {
            return closeNow()
        }
        pendingClose = delay
    }

    private func closeNow() {
        outbound.finish()
        channel.close(promise: nil)
    }

    /// After the exchange loop: lets a deferred close happen (pieces in flight first, then the `slow_close`).
    func finishClosing() async {
        guard let delay = pendingClose else { return }
        pendingClose = nil
        while channel.isActive, lastArrival > NIODeadline.now() || unsent.count.load(ordering: .relaxed) > 0 {
            try? await sleep(.milliseconds(5))
        }
        try? await sleep(delay)
        closeNow()
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
        // A close already under way (pieces in flight, a data limit reached) wins over the exchange's reset.
        guard pendingClose == nil else { return }
        let channel = channel
        guard let options = channel as? any SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        options.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }
}
