import ChaosCore

/// One node of the simulated peer network: its id, the host and port it listens on, and the connections it dials
/// and accepts. It is the `PeerTransport` a connection manager gets in a simulation.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimPeerNode: PeerTransport, @unchecked Sendable, CustomStringConvertible {
    public let localNode: NodeID
    public let address: Endpoint
    public let settings: PeerSettings
    let network: SimNetwork
    private let listener: SimListener
    private var pending: [SimPeerConnection] = []
    private var stopped = false
    private let changed: PeerWaitList
    private let sharedIDs: SeededRandom

    init(id: NodeID, address: Endpoint, network: SimNetwork, settings: PeerSettings) throws {
        localNode = id
        self.address = address
        self.network = network
        self.settings = settings
        listener = try network.listen(host: address.host, port: address.port)
        changed = PeerWaitList(network.simulation)
        sharedIDs = network.simulation.random("peer.\(id).shared-ids")
        network.simulation.spawn(name: "peer node \(id) listener") { [self] in await acceptLoop() }
    }

    public var description: String { "peer node \(localNode) at \(address)" }

    public func dial(_ node: NodeID, at address: Endpoint, timeout: Duration?) async throws -> any PeerConnection {
        try await dialConnection(node, at: address, timeout: timeout)
    }

    /// `dial`, with the simulated connection's type.
    public func dialConnection(
        _ node: NodeID, at address: Endpoint, timeout: Duration? = nil
    ) async throws -> SimPeerConnection {
        guard !stopped else { throw PeerConnectionError.notRunning }
        let transport: SimConnection
        do {
            transport = try await network.connect(
                from: self.address.host, to: address.host, port: address.port,
                timeout: timeout ?? settings.connectTimeout)
        } catch let error as NetworkError {
            switch error {
            case .connectTimeout: throw PeerConnectionError.connectTimeout
            default: throw PeerConnectionError.connectRefused
            }
        }
        let connection = SimPeerConnection(
            transport: transport, simulation: network.simulation, settings: settings, localNode: localNode,
            remoteNode: node, sharedID: sharedIDs.next(), direction: .outbound)
        connection.start()
        return connection
    }

    public func accept() async throws -> (any PeerConnection)? {
        try await acceptConnection()
    }

    /// `accept`, with the simulated connection's type.
    public func acceptConnection() async throws -> SimPeerConnection? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            if stopped { return nil }
            _ = await changed.wait(on: "peer node \(localNode) accept")
        }
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        listener.close()
        changed.wakeAll()
    }

    private func acceptLoop() async {
        while let transport = try? await listener.accept() {
            guard !stopped else {
                transport.reset()
                continue
            }
            // The dialer's id and the shared id come in its hello; until then the connection is not handed out.
            let connection = SimPeerConnection(
                transport: transport, simulation: network.simulation, settings: settings, localNode: localNode,
                remoteNode: NodeID(0), sharedID: 0, direction: .inbound
            ) { [weak self] connection in
                self?.pending.append(connection)
                self?.changed.wakeAll()
            }
            connection.start()
        }
    }
}
