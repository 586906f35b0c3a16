/// What can go wrong on the simulated network, typed so that callers can classify it (transient or not).
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing listens there, or the service is down.
    case connectionRefused(host: String, port: Int)
    /// The connection attempt did not complete before its deadline.
    case connectTimeout(host: String, port: Int, after: Duration)
    /// No byte arrived before the read's deadline.
    case readTimeout(after: Duration)
    /// The peer (or a fault) reset the connection.
    case connectionReset
    /// Writing after this side shut down or closed the connection, or after the peer closed it.
    case connectionClosed
    /// The host name is not part of the simulated network.
    case unknownHost(String)
    /// Another listener already uses the port.
    case addressInUse(host: String, port: Int)

    public var description: String {
        switch self {
        case let .connectionRefused(host, port): "connection refused by \(host):\(port)"
        case let .connectTimeout(host, port, after):
            "connecting to \(host):\(port) timed out after \(after.formattedSeconds)"
        case let .readTimeout(after): "read timed out after \(after.formattedSeconds) without data"
        case .connectionReset: "connection reset by peer"
        case .connectionClosed: "connection closed"
        case let .unknownHost(host): "unknown host \(host)"
        case let .addressInUse(host, port): "address \(host):\(port) already in use"
        }
    }
}
