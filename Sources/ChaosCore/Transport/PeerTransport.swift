/// A peer's identity in a peer-to-peer network: 64 bits, compared by XOR distance as Kademlia does.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// The XOR distance to `other`: what routing tables sort peers by.
    public func distance(to other: NodeID) -> UInt64 { rawValue ^ other.rawValue }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Sixteen hex digits.
    public var description: String {
        let hex = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Which end opened a connection.
public enum PeerConnectionDirection: String, Sendable, Equatable {
    case outbound
    case inbound
}

/// Why a peer connection or stream can no longer be used, as QUIC reports it: the peer's close with its code and
/// reason, our own, an idle timeout, a failed dial, a reset stream.
public enum PeerConnectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The peer closed the connection (`isApp`: by the application, not the transport).
    case peerClosed(isApp: Bool, code: UInt64, reason: String)
    /// This end closed the connection.
    case localClosed(code: UInt64, reason: String)
    /// Nothing arrived for the idle timeout: the peer is gone or the path is dead.
    case idleTimeout
    /// The dial did not complete within its timeout.
    case connectTimeout
    /// Nothing listens at the address, or it refused the connection.
    case connectRefused
    /// The peer reset the stream with `code`.
    case streamReset(code: UInt64)
    /// Opening a stream or a connection while this end is stopping or stopped.
    case notRunning

    public var description: String {
        switch self {
        case let .peerClosed(isApp, code, reason):
            "the peer closed the connection (\(isApp ? "application" : "transport") code \(code): \(reason))"
        case let .localClosed(code, reason): "the connection was closed here (code \(code): \(reason))"
        case .idleTimeout: "the connection timed out idle"
        case .connectTimeout: "connecting timed out"
        case .connectRefused: "the connection was refused"
        case let .streamReset(code): "the peer reset the stream (code \(code))"
        case .notRunning: "the transport is not running"
        }
    }
}

/// One bidirectional stream of a peer connection: a byte stream (so byte-stream code runs over it unchanged) that
/// can also be reset with a code. `shutdownWrite` sends the stream's FIN; errors are `PeerConnectionError`s.
public protocol PeerStream: ByteStream {
    /// The stream's number within its connection (QUIC numbering: the opener's parity).
    var streamID: UInt64 { get }
    /// Aborts the stream in both directions; the peer's reads and writes fail with `streamReset(code:)`.
    func reset(code: UInt64)
}

/// A QUIC-like connection between two nodes, multiplexing bidirectional streams.
public protocol PeerConnection: AnyObject, Sendable {
    /// The same at both ends: what a simultaneous dial's two sides compare to agree on which connection survives.
    var sharedID: UInt64 { get }
    var localNode: NodeID { get }
    var remoteNode: NodeID { get }
    var direction: PeerConnectionDirection { get }
    /// Nil while open; then why it closed.
    var closedReason: PeerConnectionError? { get }
    /// Opens a stream; throws the connection's error once it is closed.
    func openStream() async throws -> any PeerStream
    /// The next stream the peer opened, or nil once the connection is closed.
    func acceptStream() async throws -> (any PeerStream)?
    /// Closes the connection: the peer learns `code` and `reason`; every stream fails with `localClosed`.
    func close(code: UInt64, reason: String)
    /// Returns once the connection is closed, with why (`notRunning` if the waiting task is cancelled first).
    func waitClosed() async -> PeerConnectionError
}

/// How a node dials and accepts peer connections: what a connection manager depends on. The simulated peer network
/// gives each node one; a QUIC implementation would be another.
public protocol PeerTransport: AnyObject, Sendable {
    var localNode: NodeID { get }
    /// Dials `node` at `address` (one round trip); throws `connectRefused`, `connectTimeout` or `notRunning`.
    func dial(_ node: NodeID, at address: Endpoint, timeout: Duration?) async throws -> any PeerConnection
    /// The next inbound connection, or nil once the transport stopped.
    func accept() async throws -> (any PeerConnection)?
    /// Stops accepting; connections already made stay as they are (their owner closes them).
    func stop()
}
