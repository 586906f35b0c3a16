/// The steady properties of the path between two hosts, before any fault.
public struct LinkConditions: Sendable, Equatable {
    /// One-way delay of every segment.
    public var latency: Duration
    /// Uniform extra delay in `0...jitter`, drawn per segment; delivery order is preserved regardless.
    public var jitter: Duration
    /// Bytes per second leaving a sender; nil for unlimited.
    public var bandwidthBytesPerSecond: Int?
    /// The largest segment the sender emits (like a TCP maximum segment size, but big: segments are slices, not
    /// packets). Readers see data arrive in pieces of at most this size.
    public var segmentSize: Int
    /// Extra time a connection attempt takes beyond one round trip (accept backlog, TLS, …).
    public var connectLatency: Duration
    /// Bytes a writer may have queued but not yet sent before `write` suspends (back-pressure).
    public var sendBufferSize: Int
    /// How a connection resends what a `partition` loses, and when it gives up with a reset.
    public var retransmission: RetransmissionPolicy

    public init(
        latency: Duration = .milliseconds(1),
        jitter: Duration = .zero,
        bandwidthBytesPerSecond: Int? = nil,
        segmentSize: Int = 64 * 1024,
        connectLatency: Duration = .zero,
        sendBufferSize: Int = 256 * 1024,
        retransmission: RetransmissionPolicy = RetransmissionPolicy()
    ) {
        precondition(latency >= .zero && jitter >= .zero, "latency and jitter must not be negative")
        precondition(bandwidthBytesPerSecond.map { $0 > 0 } ?? true, "bandwidth must be positive")
        precondition(segmentSize > 0 && sendBufferSize > 0, "segment and buffer sizes must be positive")
        self.latency = latency
        self.jitter = jitter
        self.bandwidthBytesPerSecond = bandwidthBytesPerSecond
        self.segmentSize = segmentSize
        self.connectLatency = connectLatency
        self.sendBufferSize = sendBufferSize
        self.retransmission = retransmission
    }
}
