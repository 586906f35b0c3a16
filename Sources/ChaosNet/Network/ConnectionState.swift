/// The shared state of one connection: both directions, identity, and per-connection fault decisions.
final class ConnectionState: FaultedConnection {
    let id: Int
    let initiator: Endpoint
    let acceptor: Endpoint
    unowned let network: SimNetwork
    let createdAt: Int64
    private(set) var upstream: StreamPipe!
    private(set) var downstream: StreamPipe!
    private(set) var isReset = false
    var faultApplies: [String: Bool] = [:]
    var arrangedFaultEffects: Set<String> = []
    var tracedFaultPeriods: Set<FaultPeriodKey> = []

    init(id: Int, initiator: Endpoint, acceptor: Endpoint, network: SimNetwork) {
        self.id = id
        self.initiator = initiator
        self.acceptor = acceptor
        self.network = network
        self.createdAt = network.nowNanoseconds
        self.upstream = StreamPipe(connection: self, direction: .upstream, from: initiator, to: acceptor)
        self.downstream = StreamPipe(connection: self, direction: .downstream, from: acceptor, to: initiator)
    }

    var label: String { "conn#\(id) \(initiator)→\(acceptor)" }

    func sliceRandom(for fault: Fault) -> SeededRandom {
        network.simulation.random("fault.\(fault.name).slices")
    }

    func arrangeReset(at time: Int64, reason: String) {
        network.simulation.schedule(at: SimClock.Instant(nanosecondsSinceEpoch: time)) { [self] in
            reset(reason: reason)
        }
    }

    func arrangeClose(after delay: Duration, reason: String) {
        network.simulation.schedule(after: delay) { [self] in
            closeBothDirections(reason: reason)
        }
    }

    /// Aborts both directions at once.
    func reset(reason: String) {
        guard !isReset else { return }
        isReset = true
        network.simulation.trace("network", "\(label) reset (\(reason))")
        upstream.abort()
        downstream.abort()
    }

    /// Closes both directions after what is already in flight, as when a proxy drops the connection.
    func closeBothDirections(reason: String) {
        network.simulation.trace("network", "\(label) closed (\(reason))")
        upstream.shutdownWrite()
        downstream.shutdownWrite()
    }
}
