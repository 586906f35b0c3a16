import ChaosCore

/// The application codes the robust manager closes connections with, each with the reason sent beside it, instead
/// of magic numbers. A peer that sees one knows why its connection went.
public enum ConnectionCloseCode: UInt64, CaseIterable, Sendable {
    /// Destroyed without waiting for its streams: stop's grace period ran out, or a drain did.
    case forceClose = 1
    /// The node is stopping and takes no new connection.
    case nodeStopping = 2
    /// The loser of a simultaneous dial, closed once its streams drained.
    case duplicateConnection = 3
    /// Unused for the TTL, closed once nothing used it.
    case idleTTL = 4

    public var reason: String {
        switch self {
        case .forceClose: "NodeConnection is forcing destruction"
        case .nodeStopping: "the node is stopping"
        case .duplicateConnection: "a connection with a lower shared id already exists"
        case .idleTTL: "unused for its TTL"
        }
    }
}

extension PeerConnection {
    /// Closes with a typed code and the reason that goes with it.
    func close(_ code: ConnectionCloseCode) { close(code: code.rawValue, reason: code.reason) }
}

/// The literal codes of the code before the fix.
enum NaiveCloseCode {
    /// "TODO: use an actual code": both sides refuse a duplicate with it, forcing the close.
    static let duplicate: UInt64 = 42
    static let duplicateReason = "Connection already exists, forcing close"
    /// What the naive destroy closes with, forced or not: no code at all.
    static let destroy: UInt64 = 0
}
