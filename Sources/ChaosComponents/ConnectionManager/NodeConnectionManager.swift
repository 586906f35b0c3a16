import ChaosCore

/// Holds a node's connections to its peers and serves its side of their RPCs: the component of the
/// connection-manager incident, in its naive and robust variants (`ConnectionManagerVariant`).
///
/// It sees only protocols: a `PeerTransport` to dial and accept, a `Clock`, a `BackgroundTaskStarter` for work
/// that outlives its caller (the accept loop, stream handlers, TTL timers, the refresh loop), so the same code runs
/// over QUIC in production and over the simulated peer network. As an actor it interleaves at its awaits the way an
/// event loop does, which is where the incident's races live.
public actor NodeConnectionManager<C: Clock> where C.Duration == Duration {
    public nonisolated let variant: ConnectionManagerVariant
    public nonisolated let settings: ConnectionManagerSettings
    public nonisolated let localNode: NodeID
    /// Where this node listens, as it tells peers that ask for contacts.
    public nonisolated let localAddress: Endpoint
    let transport: any PeerTransport
    let clock: C
    let background: any BackgroundTaskStarter
    let log: @Sendable (String) -> Void
    /// Draws the targets of the refresh loop.
    let randomNode: @Sendable () -> NodeID
    let rpc: NodeRPCClient<C>
    var graph: NodeGraph

    enum State { case idle, running, stopping, stopped }
    var state = State.idle
    var entries: [ConnectionEntry] = []
    var active: [NodeID: ConnectionEntry] = [:]
    private var nextSerial = 0
    /// Nodes whose dial lock is held, and who waits for each, in arrival order.
    private var lockHeld: Set<NodeID> = []
    private var lockQueues: [NodeID: [CheckedContinuation<Void, Never>]] = [:]
    /// The robust manager's dials in progress, with the callers waiting for each.
    private var dialWaiters: [NodeID: [CheckedContinuation<any PeerConnection, any Error>]] = [:]
    var loops: [BackgroundTask] = []
    var counters = ConnectionManagerSnapshot()

    public init(
        variant: ConnectionManagerVariant, settings: ConnectionManagerSettings = ConnectionManagerSettings(),
        transport: any PeerTransport, address: Endpoint, seeds: [NodeContact] = [], clock: C,
        background: any BackgroundTaskStarter, randomNode: @escaping @Sendable () -> NodeID,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.variant = variant
        self.settings = settings
        self.transport = transport
        localNode = transport.localNode
        localAddress = address
        self.clock = clock
        self.background = background
        self.randomNode = randomNode
        self.log = log
        rpc = NodeRPCClient(variant: variant, clock: clock, timeout: settings.rpcTimeout, background: background)
        graph = NodeGraph(localNode: transport.localNode, bucketSize: settings.k)
        for seed in seeds { graph.add(seed) }
    }

    // MARK: - Lifecycle

    /// Starts accepting connections (and the refresh loop, if the settings ask for one).
    public func start() {
        guard state == .idle else { return }
        state = .running
        let transport = transport
        // Not among the loops `stop()` cancels: connections keep arriving while the manager stops, as a QUIC
        // server's keep arriving until it stops, and the loop ends when the transport does.
        background.start("ncm accept loop") { [self] in
            while let connection = try await transport.accept() { await handleInbound(connection) }
        }
        if let interval = settings.refreshInterval {
            loops.append(background.start("ncm refresh loop") { [self] in
                try await refreshLoop(every: interval)
            })
        }
    }

    /// Stops: no new call or connection; calls in flight and draining connections get the grace period, then
    /// every connection left is forced closed, and the transport stops.
    public func stop() async {
        guard state == .running else { return }
        state = .stopping
        for loop in loops { loop.cancel() }
        loops = []
        let deadline = clock.now.advanced(by: settings.stopGracePeriod)
        // Polled: the calls in flight end on their own (or by their timeouts), and nothing here must wake them.
        while counters.callsInFlight > 0 || entries.contains(where: { $0.draining && $0.isOpen }),
              clock.now < deadline {
            try? await clock.sleep(for: .milliseconds(50))
        }
        for entry in entries.sorted(by: { $0.serial < $1.serial }) { destroy(entry, force: true, why: "stop") }
        transport.stop()
        state = .stopped
    }

    public var snapshot: ConnectionManagerSnapshot {
        var snapshot = counters
        snapshot.isRunning = state == .running
        snapshot.active = active.filter { $0.value.isOpen }.mapValues(\.connection.sharedID)
        snapshot.draining = entries.filter { $0.draining && $0.isOpen }.count
        for entry in entries where entry.isOpen {
            snapshot.usage[entry.connection.sharedID] = countedUses(entry)
        }
        snapshot.lockWaiters = waitingCallers
        snapshot.timers = entries.filter { $0.ttl != nil }.count
        return snapshot
    }

    /// The contacts the graph knows, nearest bucket first.
    public var knownContacts: [NodeContact] { graph.contacts }

    /// Notes a contact (a peer that answered, an address learnt).
    public func addContact(_ contact: NodeContact) { graph.add(contact) }

    // MARK: - Using connections

    /// Runs `body` with a connection to `node` (dialled at `address`, or the graph's address, if none is open),
    /// which stays in use until `body` returns. Errors reach the caller only.
    public func withConnection<T: Sendable>(
        to node: NodeID, at address: Endpoint? = nil, _ body: @Sendable (any PeerConnection) async throws -> T
    ) async throws -> T {
        counters.callsInFlight += 1
        counters.calls += 1
        counters.peakCallsInFlight = max(counters.peakCallsInFlight, counters.callsInFlight)
        defer { counters.callsInFlight -= 1 }
        let entry = try await acquire(node, at: address)
        do {
            let value = try await body(entry.connection)
            release(entry, after: nil)
            return value
        } catch {
            release(entry, after: error)
            throw error
        }
    }

    /// One RPC to `node`, on a stream of the connection `withConnection` gives.
    public func call(_ request: NodeRPCRequest, to node: NodeID, at address: Endpoint? = nil) async throws
        -> NodeRPCResponse {
        let rpc = rpc
        return try await withConnection(to: node, at: address) { connection in
            try await rpc.call(request, to: node) { try await connection.openStream() }
        }
    }

    private func acquire(_ node: NodeID, at address: Endpoint?) async throws -> ConnectionEntry {
        guard state == .running else { throw ConnectionManagerError.notRunning }
        if let entry = usable(node) { return use(entry) }
        switch variant {
        case .naive:
            // Each caller takes the node's lock in turn and dials again if the one before failed: behind a dial
            // that hangs, the n-th caller waits n connect timeouts.
            return try await withLock(node) {
                guard state == .running else { throw ConnectionManagerError.notRunning }
                if let entry = usable(node) { return use(entry) }
                return use(try await dial(node, at: address))
            }
        case .robust:
            // One dial per node at a time, and whoever waits for it shares its result, success or failure.
            if dialWaiters[node] != nil {
                // determinism: ok, resumed by the dialling caller on the simulation's thread
                let connection = try await withCheckedThrowingContinuation { continuation in // determinism: ok
                    dialWaiters[node, default: []].append(continuation)
                    counters.peakLockWaiters = max(counters.peakLockWaiters, waitingCallers)
                }
                guard let entry = entry(of: connection), entry.isOpen else {
                    throw ConnectionManagerError.connection(node, connection.closedReason ?? .notRunning)
                }
                return use(entry)
            }
            dialWaiters[node] = []
            let result: Result<ConnectionEntry, any Error>
            do {
                result = .success(try await dial(node, at: address))
            } catch {
                result = .failure(error)
            }
            let shared = result.map(\.connection)
            for waiter in dialWaiters.removeValue(forKey: node) ?? [] { waiter.resume(with: shared) }
            return use(try result.get())
        }
    }

    /// Dials `node` and adopts the connection.
    private func dial(_ node: NodeID, at address: Endpoint?) async throws -> ConnectionEntry {
        guard let address = address ?? graph.contact(of: node)?.address else {
            throw ConnectionManagerError.unknownNode(node)
        }
        let connection: any PeerConnection
        do {
            connection = try await transport.dial(node, at: address, timeout: settings.connectTimeout)
        } catch {
            throw NodeRPCClient<C>.map(error, node: node)
        }
        guard state == .running else {
            connection.close(.nodeStopping)
            throw ConnectionManagerError.notRunning
        }
        graph.add(NodeContact(node: node, address: address))
        counters.dials += 1
        return adopt(connection)
    }

    private var waitingCallers: Int {
        lockQueues.values.reduce(0) { $0 + $1.count } + dialWaiters.values.reduce(0) { $0 + $1.count }
    }

    private func usable(_ node: NodeID) -> ConnectionEntry? {
        guard let entry = active[node], entry.isOpen, !entry.draining else { return nil }
        return entry
    }

    private func use(_ entry: ConnectionEntry) -> ConnectionEntry {
        entry.usage += 1
        entry.cancelTTL()
        return entry
    }

    private func release(_ entry: ConnectionEntry, after error: (any Error)?) {
        entry.usage -= 1
        switch variant {
        case .naive:
            // Whoever's error it was, the connection goes for everyone who shares it.
            if let error, variant.isConnectionError(error), entry.isOpen {
                destroy(entry, force: true, why: "an error on release: \(error)")
                return
            }
        case .robust:
            break  // A caller's error is the caller's: the connection closes by its own failure or its TTL.
        }
        armTTLIfUnused(entry)
    }

    // MARK: - Holding connections

    /// Takes `connection` in. A second connection to a node already connected is a simultaneous dial: the robust
    /// manager keeps the one with the lower shared id, as the peer does (both compare the same two ids), and drains
    /// the other; returns the entry callers should use.
    func adopt(_ connection: any PeerConnection) -> ConnectionEntry {
        let entry = ConnectionEntry(connection: connection, serial: nextSerial)
        nextSerial += 1
        entries.append(entry)
        watch(entry)
        var kept = entry
        if variant == .robust, let existing = usable(connection.remoteNode) {
            if existing.connection.sharedID <= connection.sharedID {
                drain(entry, why: "a duplicate of \(hex(existing.connection.sharedID))")
                kept = existing
            } else {
                drain(existing, why: "a duplicate of \(hex(connection.sharedID))")
            }
        }
        active[connection.remoteNode] = kept
        armTTLIfUnused(kept)
        return kept
    }

    /// Serves the streams the peer opens on the connection and forgets the connection once it closes.
    private func watch(_ entry: ConnectionEntry) {
        let connection = entry.connection
        background.start("ncm streams of \(hex(connection.sharedID))") { [self] in
            while let stream = try await connection.acceptStream() { await handleStream(stream, on: connection) }
        }
        background.start("ncm watch \(hex(connection.sharedID))") { [self] in
            let reason = await connection.waitClosed()
            await closed(connection, reason)
        }
    }

    private func closed(_ connection: any PeerConnection, _ reason: PeerConnectionError) {
        guard let index = entries.firstIndex(where: { $0.connection === connection }) else { return }
        let entry = entries.remove(at: index)
        entry.cancelTTL()
        if active[entry.node] === entry { active[entry.node] = nil }
        log("connection \(hex(connection.sharedID)) to \(entry.node) closed: \(reason)")
    }

    func entry(of connection: any PeerConnection) -> ConnectionEntry? {
        entries.first { $0.connection === connection }
    }

    func armTTLIfUnused(_ entry: ConnectionEntry) {
        guard countedUses(entry) == 0, entry.ttl == nil, entry.isOpen, !entry.draining, state == .running else {
            return
        }
        let connection = entry.connection
        let (clock, ttl) = (clock, settings.connectionTTL)
        entry.ttl = background.start("ncm ttl of \(hex(connection.sharedID))") { [self] in
            try await clock.sleep(for: ttl)
            await ttlExpired(connection)
        }
    }

    private func ttlExpired(_ connection: any PeerConnection) {
        guard let entry = entry(of: connection), entry.isOpen else { return }
        entry.ttl = nil
        switch variant {
        case .naive:
            destroy(entry, force: true, why: "its TTL expired")
        case .robust:
            guard countedUses(entry) == 0 else { return }
            connection.close(.idleTTL)
        }
    }

    /// Moves `entry` aside: after the drain delay (the peer's streams opened before it agreed are still arriving) it
    /// closes once nothing uses it, or is forced after the drain timeout.
    private func drain(_ entry: ConnectionEntry, why: String) {
        entry.draining = true
        entry.cancelTTL()
        if active[entry.node] === entry { active[entry.node] = nil }
        log("draining connection \(hex(entry.connection.sharedID)) to \(entry.node): \(why)")
        let connection = entry.connection
        let (clock, delay, timeout) = (clock, settings.duplicateDrainDelay, settings.drainTimeout)
        background.start("ncm drain \(hex(connection.sharedID))") { [self] in
            try await clock.sleep(for: delay)
            let deadline = clock.now.advanced(by: timeout)
            while await drainPending(connection), clock.now < deadline {
                try await clock.sleep(for: .milliseconds(50))
            }
            await finishDrain(connection)
        }
    }

    private func drainPending(_ connection: any PeerConnection) -> Bool {
        guard let entry = entry(of: connection), entry.isOpen else { return false }
        return countedUses(entry) > 0
    }

    private func finishDrain(_ connection: any PeerConnection) {
        guard let entry = entry(of: connection), entry.isOpen else { return }
        if countedUses(entry) > 0 {
            destroy(entry, force: true, why: "its drain timed out")
        } else {
            connection.close(.duplicateConnection)
        }
    }

    /// Closes the connection now, cutting its streams. The naive destroy has no code; the robust one says it forced.
    func destroy(_ entry: ConnectionEntry, force: Bool, why: String) {
        guard entry.isOpen else { return }
        log("destroying connection \(hex(entry.connection.sharedID)) to \(entry.node): \(why)")
        entry.cancelTTL()
        switch variant {
        case .naive: entry.connection.close(code: NaiveCloseCode.destroy, reason: "")
        case .robust: entry.connection.close(.forceClose)
        }
    }

    // MARK: - Dial locks

    private func lock(_ node: NodeID) async {
        guard lockHeld.contains(node) else {
            lockHeld.insert(node)
            return
        }
        // determinism: ok, resumed by unlock on the simulation's thread
        await withCheckedContinuation { continuation in // determinism: ok
            lockQueues[node, default: []].append(continuation)
            counters.peakLockWaiters = max(counters.peakLockWaiters, waitingCallers)
        }
    }

    private func unlock(_ node: NodeID) {
        if var queue = lockQueues[node], !queue.isEmpty {
            let next = queue.removeFirst()
            lockQueues[node] = queue.isEmpty ? nil : queue
            next.resume()  // the lock passes to the next waiter, still held
        } else {
            lockHeld.remove(node)
        }
    }

    func withLock<T>(_ node: NodeID, _ body: () async throws -> T) async rethrows -> T {
        await lock(node)
        defer { unlock(node) }
        return try await body()
    }

    /// What keeps a connection in use. The naive manager counts only calls of `withConnection`: a stream the peer
    /// opened does not keep it (and its TTL destroys the connection under the peer's call).
    func countedUses(_ entry: ConnectionEntry) -> Int {
        variant == .robust ? entry.usage + entry.inbound : entry.usage
    }

    func hex(_ id: UInt64) -> String { String(id, radix: 16) }
}
