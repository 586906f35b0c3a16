import ChaosCore

/// The peer network of a simulation: nodes with 64-bit ids on the hosts of a `SimNetwork`, connected by QUIC-like
/// `SimPeerConnection`s that ride its TCP-like connections, so that its links, partitions and fault plan apply.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimPeerNetwork: @unchecked Sendable {
    public let network: SimNetwork
    public let settings: PeerSettings
    public private(set) var nodes: [NodeID: SimPeerNode] = [:]

    public init(network: SimNetwork, settings: PeerSettings = PeerSettings()) {
        self.network = network
        self.settings = settings
    }

    /// Adds a node listening on `host` (a host of the network) at `port`. Throws `NetworkError.addressInUse` if
    /// something listens there already; two nodes with one id are a programmer error.
    @discardableResult
    public func addNode(_ id: NodeID, host: String, port: Int = 4433) throws -> SimPeerNode {
        precondition(nodes[id] == nil, "node \(id) already exists")
        let node = try SimPeerNode(
            id: id, address: Endpoint(host: host, port: port), network: network, settings: settings)
        nodes[id] = node
        return node
    }
}
