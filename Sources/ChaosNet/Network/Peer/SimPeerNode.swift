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
    unowned let peers: SimPeerNetwork
    private let listener: SimListener
    /// Connections made or accepted here and not yet closed.
    private var open: [SimPeerConnection] = []
    /// `crash()` was called: the node does nothing any more.
    public private(set) var isCrashed = false
    private var pending: [SimPeerConnection] = []
    private var stopped = false
    /// Whether `stop()` (or a crash or abort) ended its accepting.
    public var isStopped: Bool { stopped }
    private let changed: PeerWaitList
    private let sharedIDs: SeededRandom

    init(id: NodeID, address: Endpoint, peers: SimPeerNetwork, settings: PeerSettings) throws {
        localNode = id
        self.address = address
        self.peers = peers
        network = peers.network
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
        try await failDialIfFaulted(to: node, at: address, timeout: timeout ?? settings.connectTimeout)
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
            transport: transport, node: self, remoteNode: node, sharedID: sharedIDs.next(), direction: .outbound)
        adopt(connection)
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
            _ = try await changed.wait(on: "peer node \(self.localNode) accept")
        }
    }

    /// Connections made or accepted here and still open, oldest first.
    public var openConnections: [SimPeerConnection] { open }

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
                transport: transport, node: self, remoteNode: NodeID(0), sharedID: 0, direction: .inbound
            ) { [weak self] connection in self?.handshaken(connection) }
            connection.start()
        }
    }

    // MARK: - Connections and faults

    private func adopt(_ connection: SimPeerConnection) {
        open.append(connection)
        peers.register(connection)
    }

    /// Called by a connection when it closes.
    func forget(_ connection: SimPeerConnection) {
        open.removeAll { $0 === connection }
        peers.unregister(connection)
    }

    /// An inbound connection's hello arrived: hand it out, unless a `rejectInbound` fault closes it first.
    private func handshaken(_ connection: SimPeerConnection) {
        adopt(connection)
        for state in peers.activeFaults(on: localNode) {
            guard case let .rejectInbound(code, reason) = state.fault.kind else { continue }
            peers.traceFiring(state, "\(self) rejects \(connection) with code \(code)")
            connection.closeByTransport(code: code, reason: reason)
            return
        }
        guard !stopped else {
            connection.closeByTransport(code: 0, reason: "the node is stopping")
            return
        }
        pending.append(connection)
        changed.wakeAll()
    }

    /// A `connectFailure` fault on the node dialled: refused after a round trip, or hanging until `timeout`.
    private func failDialIfFaulted(to node: NodeID, at address: Endpoint, timeout: Duration) async throws {
        for state in peers.activeFaults(on: node) {
            guard case let .connectFailure(probability) = state.fault.kind, state.random.chance(probability) else {
                continue
            }
            let clock = network.simulation.clock
            if state.random.unitInterval() < 0.5 {
                peers.traceFiring(state, "\(self) → \(node): refused")
                try await clock.sleep(for: network.link(self.address.host, address.host).latency * 2)
                throw PeerConnectionError.connectRefused
            }
            peers.traceFiring(state, "\(self) → \(node): the dial hangs")
            try await clock.sleep(for: timeout)
            throw PeerConnectionError.connectTimeout
        }
    }

    /// The node's process dies silently: it stops accepting, and its connections stop reading, writing and
    /// sending keep-alives without a word to their peers, who notice only by their idle timeout.
    public func crash() {
        guard !isCrashed else { return }
        isCrashed = true
        network.simulation.trace("peer", "\(self) crashed")
        stop()
        for connection in open { connection.silence(.localClosed(code: 0, reason: "the node crashed")) }
    }

    /// The node aborts every connection with `code` and `reason` (the peers learn them) and stops accepting.
    public func abort(code: UInt64, reason: String) {
        network.simulation.trace("peer", "\(self) aborts its connections with code \(code)")
        stop()
        for connection in open { connection.closeByTransport(code: code, reason: reason) }
    }
}
