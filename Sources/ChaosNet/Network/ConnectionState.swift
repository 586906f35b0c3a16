/// The shared state of one connection: both directions, identity, and per-connection fault decisions.
final class ConnectionState {
    let id: Int
    let initiator: Endpoint
    let acceptor: Endpoint
    unowned let network: SimNetwork
    let createdAt: Int64
    private(set) var upstream: StreamPipe!
    private(set) var downstream: StreamPipe!
    private(set) var isReset = false
    /// Toxicity draws, one per fault, made the first time the fault is consulted for this connection.
    private var faultApplies: [String: Bool] = [:]
    /// Faults whose one-off effect (a scheduled reset or close) is already arranged.
    var arrangedFaultEffects: Set<String> = []
    /// (fault, activity period start) pairs already recorded in the trace, so a fault is traced once per period.
    var tracedFaultPeriods: Set<FaultPeriodKey> = []

    struct FaultPeriodKey: Hashable {
        var fault: String
        var periodStart: Int64
        var direction: FaultDirection
    }

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

    /// Whether `fault` applies to this connection, drawing its toxicity once, from `plan`, the first time it asks.
    func applies(_ fault: Fault, plan: FaultPlan) -> Bool {
        if fault.toxicity >= 1 { return true }
        if let decided = faultApplies[fault.name] { return decided }
        let decided = plan.drawToxicity(fault.toxicity, of: fault.name)
        faultApplies[fault.name] = decided
        return decided
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
