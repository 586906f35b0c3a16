/// The timing of the simulated peer connections, as Polykey configures js-quic: keep-alive every 10 s, closed after
/// 30 s without a packet, dials given up after 15 s.
public struct PeerSettings: Sendable, Equatable {
    /// How long a connection may send nothing before it sends a PING.
    public var keepAliveInterval: Duration
    /// How long a connection may receive nothing before it closes itself with `idleTimeout`.
    public var maxIdleTimeout: Duration
    /// A dial's timeout when the caller gives none.
    public var connectTimeout: Duration
    /// Bytes a connection queues for sending before stream writes wait (back-pressure).
    public var sendBufferSize: Int

    public init(
        keepAliveInterval: Duration = .seconds(10), maxIdleTimeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(15), sendBufferSize: Int = 256 * 1024
    ) {
        precondition(keepAliveInterval > .zero && maxIdleTimeout > .zero && connectTimeout > .zero, "times > 0")
        precondition(sendBufferSize > 0, "a send buffer holds something")
        self.keepAliveInterval = keepAliveInterval
        self.maxIdleTimeout = maxIdleTimeout
        self.connectTimeout = connectTimeout
        self.sendBufferSize = sendBufferSize
    }
}
