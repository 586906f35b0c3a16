import ChaosCore

/// Why a connection manager call failed.
public enum ConnectionManagerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The manager is not running: not started, stopping or stopped.
    case notRunning
    /// The graph has no address for the node.
    case unknownNode(NodeID)
    /// The connection to the node failed: dialling, or while in use.
    case connection(NodeID, PeerConnectionError)
    /// The node did not answer an RPC within the RPC timeout.
    case rpcTimeout(NodeID)
    /// The node answered with an error, or with bytes that are no response.
    case badResponse(NodeID, String)

    public var description: String {
        switch self {
        case .notRunning: "the connection manager is not running"
        case let .unknownNode(node): "no address is known for node \(node)"
        case let .connection(node, error): "the connection to node \(node) failed: \(error)"
        case let .rpcTimeout(node): "node \(node) did not answer in time"
        case let .badResponse(node, what): "node \(node) answered badly: \(what)"
        }
    }
}

extension ConnectionManagerError: NamedError {
    public var causeName: String {
        switch self {
        case .notRunning: "not_running"
        case .unknownNode: "unknown_node"
        case let .connection(_, error): error.causeName
        case .rpcTimeout: "rpc_timeout"
        case .badResponse: "bad_response"
        }
    }
}

extension PeerConnectionError: NamedError {
    public var causeName: String {
        switch self {
        case .peerClosed: "peer_closed"
        case .localClosed: "local_closed"
        case .idleTimeout: "idle_timeout"
        case .connectTimeout: "connect_timeout"
        case .connectRefused: "connect_refused"
        case .streamReset: "stream_reset"
        case .notRunning: "transport_not_running"
        }
    }
}

extension ConnectionManagerVariant {
    /// Whether a lookup or the graph sync treats `error` as a peer's failure (the peer is skipped) rather than
    /// something to rethrow. The naive check knows only a destroyed connection, a timeout and a failed dial (as
    /// `isConnectionError` did before the fix): a peer's close, our own, an idle timeout or a reset stream get
    /// through, and an RPC timeout is the lookup's to handle (it returns early). The robust mapping covers every
    /// case, exhaustively.
    func isConnectionError(_ error: any Error) -> Bool {
        guard let error = error as? ConnectionManagerError else { return false }
        switch self {
        case .naive:
            switch error {
            case .notRunning: return true
            case let .connection(_, cause):
                return [.connectTimeout, .connectRefused, .notRunning].contains(cause)
            case .unknownNode, .rpcTimeout, .badResponse: return false
            }
        case .robust:
            switch error {
            case .notRunning, .unknownNode, .connection, .rpcTimeout, .badResponse: return true
            }
        }
    }
}
