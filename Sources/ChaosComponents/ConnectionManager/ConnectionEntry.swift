import ChaosCore

/// One connection the manager holds, with what uses it: calls of `withConnection` (`usage`) and streams the peer
/// opened (`inbound`), its TTL timer, and whether it drains. Only the manager's actor touches it.
final class ConnectionEntry {
    let connection: any PeerConnection
    /// The order it was adopted in: entries are walked in it, never in a hash order.
    let serial: Int
    var usage = 0
    var inbound = 0
    var ttl: BackgroundTask?
    /// The loser of a simultaneous dial, or stopping: no new use, closed once its streams end.
    var draining = false

    init(connection: any PeerConnection, serial: Int) {
        self.connection = connection
        self.serial = serial
    }

    var node: NodeID { connection.remoteNode }
    var isOpen: Bool { connection.closedReason == nil }

    func cancelTTL() {
        ttl?.cancel()
        ttl = nil
    }
}
