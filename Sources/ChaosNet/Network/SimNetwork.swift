/// The simulated network of one simulation: named hosts, links between them, listeners and connections. What faults
/// do to connection attempts and segments it asks the world's `FaultPlan`.
///
/// All network state lives here (one owner, as in turmoil's world). Every random decision — jitter, toxicity,
/// slice sizes, fault episodes — is drawn from a named stream of the simulation, so a seed replays exactly.
/// Not thread-safe: use on the simulation's thread.
public final class SimNetwork: @unchecked Sendable {
    /// Unowned: the simulation keeps the network alive (see `init`), so the two never form a cycle.
    public unowned let simulation: Simulation
    public private(set) var hosts: [String] = []
    private var defaultLink: LinkConditions
    private var links: [LinkKey: LinkConditions] = [:]
    private var listeners: [Endpoint: SimListener] = [:]
    private var nextEphemeralPort: [String: Int] = [:]
    private var nextConnectionID = 1
    /// The world's faults; shared with its file systems and HTTP servers.
    public let faultPlan: FaultPlan
    private var heldPipes: [StreamPipe] = []

    /// Links are keyed by the sorted pair of host names, so that (a, b) and (b, a) are the same link.
    private struct LinkKey: Hashable {
        var first: String
        var second: String

        init(_ a: String, _ b: String) {
            (first, second) = a <= b ? (a, b) : (b, a)
        }
    }

    /// Creates the network of `simulation`; links not configured with `setLink` get `defaultLink`. Faults come from
    /// `faultPlan` (the world's), or from a plan of the network's own.
    public init(_ simulation: Simulation, defaultLink: LinkConditions = LinkConditions(), faultPlan: FaultPlan? = nil) {
        self.simulation = simulation
        self.defaultLink = defaultLink
        self.faultPlan = faultPlan ?? FaultPlan(simulation)
        // Connections, listeners and in-flight deliveries refer back to the network without owning it; the
        // simulation owns it for as long as the world exists.
        simulation.attach(self)
        self.faultPlan.onRelease { [unowned self] in kickHeldPipes() }
    }

    var nowNanoseconds: Int64 { simulation.now.nanosecondsSinceEpoch }

    // MARK: - Topology

    /// Adds a host. Names are unique; adding one twice is a programmer error.
    public func addHost(_ name: String) {
        precondition(!hosts.contains(name), "host \(name) already exists")
        hosts.append(name)
    }

    /// Sets the steady conditions of the link between `a` and `b` (both directions).
    public func setLink(_ a: String, _ b: String, _ conditions: LinkConditions) {
        links[LinkKey(a, b)] = conditions
    }

    /// The conditions of the link between `a` and `b`.
    public func link(_ a: String, _ b: String) -> LinkConditions {
        links[LinkKey(a, b)] ?? defaultLink
    }

    // MARK: - Listening and connecting

    /// Starts listening on `host:port`.
    public func listen(host: String, port: Int) throws -> SimListener {
        guard hosts.contains(host) else { throw NetworkError.unknownHost(host) }
        let endpoint = Endpoint(host: host, port: port)
        guard listeners[endpoint] == nil else { throw NetworkError.addressInUse(host: host, port: port) }
        let listener = SimListener(endpoint: endpoint, network: self)
        listeners[endpoint] = listener
        simulation.trace("network", "listening on \(endpoint)")
        return listener
    }

    func removeListener(_ listener: SimListener) {
        if listeners[listener.endpoint] === listener { listeners[listener.endpoint] = nil }
    }

    /// Opens a connection from `host` to `target:port`. It takes one round trip plus the link's connect latency.
    /// Refused if nothing listens or a `down` fault applies; lost (and retried like a TCP SYN, at 1 s, 3 s, 7 s, …)
    /// while a partition or clog applies, until `timeout` expires with `NetworkError.connectTimeout`.
    public func connect(from host: String, to target: String, port: Int, timeout: Duration? = nil) async throws
        -> SimConnection
    {
        guard hosts.contains(host) else { throw NetworkError.unknownHost(host) }
        guard hosts.contains(target) else { throw NetworkError.unknownHost(target) }
        let clock = simulation.clock
        let start = clock.now
        let deadline = timeout.map { start.advanced(by: $0) }
        let acceptor = Endpoint(host: target, port: port)
        var retransmission: Duration = .seconds(1)
        var nextAttempt = start
        while true {
            let link = link(host, acceptor.host)
            let decision = faultPlan.connectDecision(from: host, to: acceptor, at: clock.now.nanosecondsSinceEpoch)
            switch decision {
            case let .refused(_, extraOneWay):
                let roundTrip = Duration.nanoseconds(2 * (link.latency.nanosecondsClamped + extraOneWay))
                try await sleep(until: clock.now.advanced(by: roundTrip), deadline: deadline, acceptor: acceptor,
                                since: start)
                simulation.trace("network", "\(host) → \(acceptor): connection refused")
                throw NetworkError.connectionRefused(host: target, port: port)
            case let .lost(retryNoEarlierThan):
                // The SYN is lost; TCP retransmits with exponential backoff.
                nextAttempt = nextAttempt.advanced(by: retransmission)
                retransmission = retransmission * 2
                if let retryNoEarlierThan, retryNoEarlierThan > nextAttempt { nextAttempt = retryNoEarlierThan }
                try await sleep(until: nextAttempt, deadline: deadline, acceptor: acceptor, since: start)
            case let .proceed(extraOneWay):
                let roundTrip = Duration.nanoseconds(2 * (link.latency.nanosecondsClamped + extraOneWay))
                guard listeners[acceptor] != nil else {
                    try await sleep(until: clock.now.advanced(by: roundTrip), deadline: deadline, acceptor: acceptor,
                                    since: start)
                    simulation.trace("network", "\(host) → \(acceptor): connection refused")
                    throw NetworkError.connectionRefused(host: target, port: port)
                }
                try await sleep(until: clock.now.advanced(by: roundTrip + link.connectLatency), deadline: deadline,
                                acceptor: acceptor, since: start)
                // The listener may have gone away during the handshake.
                guard let listener = listeners[acceptor] else {
                    throw NetworkError.connectionRefused(host: target, port: port)
                }
                let state = ConnectionState(
                    id: nextConnectionID,
                    initiator: Endpoint(host: host, port: ephemeralPort(for: host)),
                    acceptor: acceptor,
                    network: self
                )
                nextConnectionID += 1
                simulation.trace("network", "\(state.label) established")
                listener.enqueue(SimConnection(state: state, isInitiator: false))
                return SimConnection(state: state, isInitiator: true)
            }
        }
    }

    private func sleep(until instant: SimClock.Instant, deadline: SimClock.Instant?, acceptor: Endpoint,
                       since start: SimClock.Instant) async throws
    {
        if let deadline, deadline < instant {
            try await simulation.clock.sleep(until: deadline)
            simulation.trace("network", "connect to \(acceptor) timed out")
            throw NetworkError.connectTimeout(
                host: acceptor.host, port: acceptor.port, after: start.duration(to: deadline))
        }
        try await simulation.clock.sleep(until: instant)
    }

    private func ephemeralPort(for host: String) -> Int {
        let port = nextEphemeralPort[host, default: 40_000]
        nextEphemeralPort[host] = port + 1
        return port
    }

    // MARK: - Faults

    /// Adds a fault to the world's plan (see `FaultPlan.add`).
    public func addFault(_ fault: Fault) {
        faultPlan.add(fault)
    }

    /// Removes the fault named `name` from the world's plan; data it was holding moves on.
    public func removeFault(named name: String) {
        faultPlan.remove(named: name)
    }

    /// Releases the data a `hold` fault is holding, and lets later data through while the fault stays listed.
    public func release(_ name: String) {
        faultPlan.release(name)
    }

    /// The active periods of the named fault drawn so far, in virtual time (for reports and tests).
    public func activePeriods(
        ofFault name: String, through time: SimClock.Instant
    ) -> [(start: Duration, end: Duration)] {
        faultPlan.activePeriods(ofFault: name, through: time)
    }

    func parkHeld(_ pipe: StreamPipe) {
        if !heldPipes.contains(where: { $0 === pipe }) { heldPipes.append(pipe) }
    }

    private func kickHeldPipes() {
        let pipes = heldPipes
        heldPipes.removeAll()
        for pipe in pipes { pipe.kick() }
    }

    /// The conditions of the next segment leaving `pipe` at `now`: the link's, changed by the active faults.
    func conditions(for pipe: StreamPipe, at now: Int64) -> PipeConditions {
        faultPlan.segmentConditions(for: pipe, link: link(pipe.from.host, pipe.to.host), at: now)
    }

    func recordDrop(by fault: String, pipe: StreamPipe, bytes: Int) {
        faultPlan.recordDrop(by: fault, pipe: pipe, bytes: bytes)
    }
}
