/// One end of an established connection: an ordered, reliable byte stream in each direction (TCP-like), over which
/// the simulated network applies the link's latency, bandwidth and segmentation and the active faults.
///
/// Reads return data in the pieces in which it arrived (partial reads are normal). Not thread-safe: use on the
/// simulation's thread.
public final class SimConnection: @unchecked Sendable, CustomStringConvertible {
    let state: ConnectionState
    /// Whether this end opened the connection.
    public let isInitiator: Bool

    init(state: ConnectionState, isInitiator: Bool) {
        self.state = state
        self.isInitiator = isInitiator
    }

    /// The connection's number in this network, as it appears in trace events.
    public var id: Int { state.id }
    public var local: Endpoint { isInitiator ? state.initiator : state.acceptor }
    public var remote: Endpoint { isInitiator ? state.acceptor : state.initiator }
    public var description: String { "conn#\(id) \(local)→\(remote)" }

    private var sending: StreamPipe { isInitiator ? state.upstream : state.downstream }
    private var receiving: StreamPipe { isInitiator ? state.downstream : state.upstream }

    /// Queues `bytes` for sending; suspends while the send buffer is full. Throws `connectionReset` or
    /// `connectionClosed` if the connection can no longer carry data.
    public func write(_ bytes: ArraySlice<UInt8>) async throws {
        try await sending.write(bytes)
    }

    /// Queues `bytes` for sending (copied once into a slice the network then moves without copying).
    public func write(_ bytes: some Sequence<UInt8>) async throws {
        try await sending.write(ArraySlice(bytes))
    }

    /// The next piece of data that arrived, at most `maxLength` bytes; nil at end of stream (the peer closed its
    /// side). With a `deadline`, throws `NetworkError.readTimeout` if nothing arrives by then.
    public func read(maxLength: Int = .max, deadline: SimClock.Instant? = nil) async throws -> ArraySlice<UInt8>? {
        precondition(maxLength > 0, "maxLength must be positive")
        return try await receiving.read(maxLength: maxLength, deadline: deadline)
    }

    /// Reads with an idle timeout: throws `NetworkError.readTimeout` if no data arrives within `timeout`.
    public func read(maxLength: Int = .max, timeout: Duration) async throws -> ArraySlice<UInt8>? {
        let deadline = state.network.simulation.now.advanced(by: timeout)
        return try await receiving.read(maxLength: maxLength, deadline: deadline)
    }

    /// Half-closes: sends end-of-stream after the queued data; reading stays possible.
    public func shutdownWrite() {
        sending.shutdownWrite()
    }

    /// Closes this end: end-of-stream is sent after queued data, and incoming data is discarded.
    public func close() {
        sending.shutdownWrite()
        receiving.discardIncoming()
    }

    /// Aborts the connection at once: both ends fail further reads and writes with `connectionReset`.
    public func reset() {
        state.reset(reason: "reset by \(local)")
    }

    /// Whether the connection was reset.
    public var isReset: Bool { state.isReset }
}
