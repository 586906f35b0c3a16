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
    /// Every close an application made (`PeerConnection.close`), in order.
    public private(set) var applicationCloses: [PeerCloseRecord] = []
    /// Every connection end and every node replaced by a reboot, kept for the simulation's life: streams and
    /// connections refer to them unowned, and a handler may hold a stream long after its connection closed.
    private var everyConnection: [SimPeerConnection] = []
    private var retiredNodes: [SimPeerNode] = []
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

    /// Boots node `id` again after a crash or a stop, at the same address, with nothing of its old state: its old
    /// connections stay as they were (a crashed node's are silent until their peers' idle timeouts).
    @discardableResult
    public func restartNode(_ id: NodeID) throws -> SimPeerNode {
        guard let old = nodes[id] else { preconditionFailure("no node \(id) to restart") }
        precondition(old.isCrashed || old.isStopped, "node \(id) must crash or stop before it restarts")
        let node = try SimPeerNode(id: id, address: old.address, peers: self, settings: settings)
        retiredNodes.append(old)
        nodes[id] = node
        network.simulation.trace("peer", "\(node) restarted")
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

    func recordApplicationClose(_ record: PeerCloseRecord) {
        applicationCloses.append(record)
    }

    /// Connections open at any node, counting each end.
    public var openConnectionEnds: Int { ends.values.reduce(0) { $0 + $1.count } }

    func register(_ connection: SimPeerConnection) {
        everyConnection.append(connection)
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
