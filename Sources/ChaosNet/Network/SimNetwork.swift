/// The simulated network of one simulation: named hosts, links between them, listeners, connections, and the ordered
/// list of active faults that every delivery decision consults.
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
    private(set) var faults: [Fault] = []
    private var schedules: [String: FaultSchedule] = [:]
    private var releasedHolds: Set<String> = []
    private var heldPipes: [StreamPipe] = []

    /// Links are keyed by the sorted pair of host names, so that (a, b) and (b, a) are the same link.
    private struct LinkKey: Hashable {
        var first: String
        var second: String

        init(_ a: String, _ b: String) {
            (first, second) = a <= b ? (a, b) : (b, a)
        }
    }

    /// Creates the network of `simulation`; links not configured with `setLink` get `defaultLink`.
    public init(_ simulation: Simulation, defaultLink: LinkConditions = LinkConditions()) {
        self.simulation = simulation
        self.defaultLink = defaultLink
        // Connections, listeners and in-flight deliveries refer back to the network without owning it; the
        // simulation owns it for as long as the world exists.
        simulation.attach(self)
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
            let verdict = connectVerdict(from: host, to: acceptor, at: clock.now.nanosecondsSinceEpoch)
            switch verdict {
            case let .refused(after):
                try await sleep(until: clock.now.advanced(by: after), deadline: deadline, acceptor: acceptor, since: start)
                simulation.trace("network", "\(host) → \(acceptor): connection refused")
                throw NetworkError.connectionRefused(host: target, port: port)
            case let .lost(retryNoEarlierThan):
                // The SYN is lost; TCP retransmits with exponential backoff.
                nextAttempt = nextAttempt.advanced(by: retransmission)
                retransmission = retransmission * 2
                if let retryNoEarlierThan, retryNoEarlierThan > nextAttempt { nextAttempt = retryNoEarlierThan }
                try await sleep(until: nextAttempt, deadline: deadline, acceptor: acceptor, since: start)
            case let .established(after):
                try await sleep(until: clock.now.advanced(by: after), deadline: deadline, acceptor: acceptor, since: start)
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
            throw NetworkError.connectTimeout(host: acceptor.host, port: acceptor.port, after: start.duration(to: deadline))
        }
        try await simulation.clock.sleep(until: instant)
    }

    private func ephemeralPort(for host: String) -> Int {
        let port = nextEphemeralPort[host, default: 40_000]
        nextEphemeralPort[host] = port + 1
        return port
    }

    private enum ConnectVerdict {
        case refused(after: Duration)
        case lost(retryNoEarlierThan: SimClock.Instant?)
        case established(after: Duration)
    }

    private func connectVerdict(from host: String, to acceptor: Endpoint, at now: Int64) -> ConnectVerdict {
        let link = link(host, acceptor.host)
        var oneWay = link.latency.nanosecondsClamped
        for fault in faults {
            guard let period = schedule(of: fault).activePeriod(at: now) else { continue }
            switch fault.kind {
            case .down:
                guard appliesToService(fault.target, host: host, acceptor: acceptor) else { continue }
                guard simulation.random("fault.\(fault.name).toxicity").chance(fault.toxicity) else { continue }
                simulation.trace("fault", "\(fault.name) (down) refuses \(host) → \(acceptor)")
                return .refused(after: .nanoseconds(2 * oneWay))
            case .partition, .clog, .hold:
                let blocked = blocksHandshake(fault, from: host, to: acceptor.host)
                guard blocked else { continue }
                if case .hold = fault.kind, releasedHolds.contains(fault.name) { continue }
                guard simulation.random("fault.\(fault.name).toxicity").chance(fault.toxicity) else { continue }
                simulation.trace("fault", "\(fault.name) (\(fault.kind.name)) loses SYN \(host) → \(acceptor)")
                let retry: SimClock.Instant? = if case .clog = fault.kind, period.end != .max {
                    SimClock.Instant(nanosecondsSinceEpoch: period.end)
                } else {
                    nil
                }
                return .lost(retryNoEarlierThan: retry)
            case let .latency(base, _):
                if appliesToService(fault.target, host: host, acceptor: acceptor) { oneWay += base.nanosecondsClamped }
            default:
                continue
            }
        }
        let roundTrip = Duration.nanoseconds(2 * oneWay)
        guard listeners[acceptor] != nil else { return .refused(after: roundTrip) }
        return .established(after: roundTrip + link.connectLatency)
    }

    private func appliesToService(_ target: FaultTarget, host: String, acceptor: Endpoint) -> Bool {
        switch target {
        case let .service(serviceHost, port): serviceHost == acceptor.host && port == acceptor.port
        case let .link(a, b): (a == host && b == acceptor.host) || (b == host && a == acceptor.host)
        case let .host(name): name == host || name == acceptor.host
        }
    }

    /// A handshake needs both directions, so a one-way partition or clog either way blocks it.
    private func blocksHandshake(_ fault: Fault, from host: String, to target: String) -> Bool {
        blocksPath(fault, from: host, to: target) || blocksPath(fault, from: target, to: host)
    }

    /// Whether a partition, clog or hold fault acts on packets going from `source` to `destination`.
    private func blocksPath(_ fault: Fault, from source: String, to destination: String) -> Bool {
        switch fault.target {
        case let .link(a, b):
            if source == a && destination == b { return fault.direction.covers(.upstream) }
            if source == b && destination == a { return fault.direction.covers(.downstream) }
            return false
        case let .host(name):
            if destination == name { return fault.direction.covers(.upstream) }
            if source == name { return fault.direction.covers(.downstream) }
            return false
        case let .service(serviceHost, _):
            if destination == serviceHost { return fault.direction.covers(.upstream) }
            if source == serviceHost { return fault.direction.covers(.downstream) }
            return false
        }
    }

    // MARK: - Faults

    /// Adds a fault at the end of the ordered fault list. Names must be unique.
    public func addFault(_ fault: Fault) {
        precondition(!faults.contains { $0.name == fault.name }, "a fault named \(fault.name) already exists")
        faults.append(fault)
        simulation.trace("fault", "added \(fault)")
    }

    /// Removes the fault named `name`; data it was holding moves on.
    public func removeFault(named name: String) {
        faults.removeAll { $0.name == name }
        schedules[name] = nil
        simulation.trace("fault", "removed \(name)")
        kickHeldPipes()
    }

    /// Releases the data a `hold` fault is holding, and lets later data through while the fault stays listed.
    public func release(_ name: String) {
        releasedHolds.insert(name)
        simulation.trace("fault", "released \(name)")
        kickHeldPipes()
    }

    /// The active periods of the named fault drawn so far, in virtual time (for reports and tests).
    public func activePeriods(ofFault name: String, through time: SimClock.Instant) -> [(start: Duration, end: Duration)] {
        guard let fault = faults.first(where: { $0.name == name }) else { return [] }
        let schedule = schedule(of: fault)
        _ = schedule.activePeriod(at: time.nanosecondsSinceEpoch)
        return schedule.periods
            .filter { $0.start <= time.nanosecondsSinceEpoch }
            .map { (.nanoseconds($0.start), .nanoseconds($0.end)) }
    }

    /// The HTTP-level faults that apply to one response of the service at `endpoint` now, in order; toxicity is
    /// drawn per response.
    public func activeHTTPFaults(for endpoint: Endpoint) -> [Fault] {
        let now = nowNanoseconds
        return faults.filter { fault in
            guard fault.kind.isHTTPLevel else { return false }
            let targeted = switch fault.target {
            case let .service(host, port): host == endpoint.host && port == endpoint.port
            case let .host(name): name == endpoint.host
            case let .link(a, b): a == endpoint.host || b == endpoint.host
            }
            guard targeted, schedule(of: fault).isActive(at: now) else { return false }
            return simulation.random("fault.\(fault.name).toxicity").chance(fault.toxicity)
        }
    }

    func schedule(of fault: Fault) -> FaultSchedule {
        if let schedule = schedules[fault.name] { return schedule }
        let schedule = FaultSchedule(activity: fault.activity, random: simulation.random("fault.\(fault.name).episodes"))
        schedules[fault.name] = schedule
        return schedule
    }

    func parkHeld(_ pipe: StreamPipe) {
        if !heldPipes.contains(where: { $0 === pipe }) { heldPipes.append(pipe) }
    }

    private func kickHeldPipes() {
        let pipes = heldPipes
        heldPipes.removeAll()
        for pipe in pipes { pipe.kick() }
    }

    func recordDrop(by fault: String, pipe: StreamPipe, bytes: Int) {
        simulation.trace("fault", "\(fault) dropped \(bytes) bytes on \(pipe.connection.label) \(pipe.direction.rawValue)")
    }

    /// Evaluates the link and every active fault, in order, for the next segment leaving `pipe` at `now`.
    func conditions(for pipe: StreamPipe, at now: Int64) -> PipeConditions {
        let connection = pipe.connection
        var conditions = PipeConditions(link: link(pipe.from.host, pipe.to.host))
        for fault in faults where !fault.kind.isHTTPLevel && matches(fault, pipe: pipe) {
            guard let period = schedule(of: fault).activePeriod(at: now) else { continue }
            guard connection.applies(fault) else { continue }
            var fired = true
            switch fault.kind {
            case let .latency(base, jitter):
                conditions.latency += base.nanosecondsClamped
                conditions.jitterMax += jitter.nanosecondsClamped
            case let .bandwidth(rate):
                conditions.bandwidthBytesPerSecond = min(conditions.bandwidthBytesPerSecond ?? .max, rate)
            case let .slicer(averageSize, variation, delay):
                let low = max(1, averageSize - variation)
                let high = max(low, averageSize + variation)
                let random = simulation.random("fault.\(fault.name).slices")
                conditions.segmentSize = min(conditions.segmentSize, low + random.uniform(below: high - low + 1))
                conditions.sliceDelay = delay.nanosecondsClamped
            case let .limitData(bytes):
                conditions.limitData = min(conditions.limitData ?? .max, bytes)
            case let .resetPeer(after):
                let resetAt = saturatingAdd(connection.createdAt, after.nanosecondsClamped)
                if now >= resetAt {
                    conditions.gate = .reset(reason: "fault \(fault.name) (reset_peer)")
                } else if connection.arrangedFaultEffects.insert(fault.name).inserted {
                    simulation.schedule(at: SimClock.Instant(nanosecondsSinceEpoch: resetAt)) {
                        connection.reset(reason: "fault \(fault.name) (reset_peer)")
                    }
                }
            case let .timeout(closeAfter):
                conditions.dropBy = conditions.dropBy ?? fault.name
                if let closeAfter, connection.arrangedFaultEffects.insert(fault.name).inserted {
                    simulation.schedule(after: closeAfter) {
                        connection.closeBothDirections(reason: "fault \(fault.name) (timeout) closed it")
                    }
                }
            case let .slowClose(delay):
                conditions.slowCloseDelay += delay.nanosecondsClamped
            case .down, .httpStatus, .httpSlowHeaders, .httpStallBody, .httpTruncateBody, .httpAbortMidChunk,
                 .httpCloseBetweenChunks:
                fired = false
            case .partition:
                conditions.lostBy = conditions.lostBy ?? fault.name
            case .clog:
                conditions.gate = holdGate(conditions.gate, until: period.end == .max ? nil : period.end)
            case .hold:
                if releasedHolds.contains(fault.name) {
                    fired = false
                } else {
                    conditions.gate = holdGate(conditions.gate, until: nil)
                }
            }
            if fired { traceFiring(fault, period: period, pipe: pipe) }
        }
        return conditions
    }

    private func holdGate(_ gate: PipeConditions.Gate, until: Int64?) -> PipeConditions.Gate {
        switch gate {
        case .reset: gate
        case .open: .hold(until: until)
        case let .hold(existing):
            // The later release wins; nil (explicit release) is latest of all.
            .hold(until: existing.flatMap { old in until.map { max(old, $0) } })
        }
    }

    private func matches(_ fault: Fault, pipe: StreamPipe) -> Bool {
        switch fault.kind {
        case .partition, .clog, .hold:
            return blocksPath(fault, from: pipe.from.host, to: pipe.to.host)
        default:
            guard fault.direction.covers(pipe.direction) else { return false }
            let connection = pipe.connection
            switch fault.target {
            case let .link(a, b):
                let hosts = (connection.initiator.host, connection.acceptor.host)
                return (hosts.0 == a && hosts.1 == b) || (hosts.0 == b && hosts.1 == a)
            case let .service(host, port):
                return connection.acceptor == Endpoint(host: host, port: port)
            case let .host(name):
                return connection.initiator.host == name || connection.acceptor.host == name
            }
        }
    }

    private func traceFiring(_ fault: Fault, period: (start: Int64, end: Int64), pipe: StreamPipe) {
        let key = ConnectionState.FaultPeriodKey(fault: fault.name, periodStart: period.start, direction: pipe.direction)
        guard pipe.connection.tracedFaultPeriods.insert(key).inserted else { return }
        simulation.trace(
            "fault",
            "\(fault.name) (\(fault.kind)) acts on \(pipe.connection.label) \(pipe.direction.rawValue)"
        )
    }
}
