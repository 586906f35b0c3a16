import ChaosCore

/// The peer network of a simulation: nodes with 64-bit ids on the hosts of a `SimNetwork`, connected by QUIC-like
/// `SimPeerConnection`s that ride its TCP-like connections, so that its links, partitions and fault plan apply.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimPeerNetwork: @unchecked Sendable {
    public let network: SimNetwork
    public let settings: PeerSettings
    public private(set) var nodes: [NodeID: SimPeerNode] = [:]
    /// The faults, in the order they were added.
    private var faultStates: [PeerFaultState] = []
    /// Both ends of every open connection, by shared id: what a random close of the peer's end needs.
    private var ends: [UInt64: [SimPeerConnection]] = [:]

    public init(network: SimNetwork, settings: PeerSettings = PeerSettings()) {
        self.network = network
        self.settings = settings
        // Nodes and connections refer back to the peer network without owning it (their tasks outlive any local
        // variable a world keeps it in); the simulation owns it for as long as the world exists.
        network.simulation.attach(self)
    }

    /// Adds a node listening on `host` (a host of the network) at `port`. Throws `NetworkError.addressInUse` if
    /// something listens there already; two nodes with one id are a programmer error.
    @discardableResult
    public func addNode(_ id: NodeID, host: String, port: Int = 4433) throws -> SimPeerNode {
        precondition(nodes[id] == nil, "node \(id) already exists")
        let node = try SimPeerNode(
            id: id, address: Endpoint(host: host, port: port), peers: self, settings: settings)
        nodes[id] = node
        return node
    }

    // MARK: - Faults

    /// Adds a fault; names are unique (each names the fault's random stream).
    public func addFault(_ fault: PeerFault) {
        precondition(!faultStates.contains { $0.fault.name == fault.name }, "two peer faults named \(fault.name)")
        faultStates.append(PeerFaultState(fault, simulation: network.simulation))
    }

    public var faults: [PeerFault] { faultStates.map(\.fault) }

    /// The faults acting on `node` now, in the order they were added.
    func activeFaults(on node: NodeID) -> [PeerFaultState] {
        guard !faultStates.isEmpty else { return [] }
        let now = network.simulation.now
        return faultStates.filter { $0.applies(to: node, at: now) }
    }

    /// Traces a fault's firing.
    func traceFiring(_ state: PeerFaultState, _ what: String) {
        network.simulation.trace("peer", "fault \(state.fault.name): \(what)")
    }

    // MARK: - Connection ends

    func register(_ connection: SimPeerConnection) {
        ends[connection.sharedID, default: []].append(connection)
    }

    func unregister(_ connection: SimPeerConnection) {
        ends[connection.sharedID]?.removeAll { $0 === connection }
        if ends[connection.sharedID]?.isEmpty == true { ends[connection.sharedID] = nil }
    }

    /// The other end of `connection`, while it is open.
    func otherEnd(of connection: SimPeerConnection) -> SimPeerConnection? {
        ends[connection.sharedID]?.first { $0 !== connection && $0.localNode == connection.remoteNode }
    }
}
