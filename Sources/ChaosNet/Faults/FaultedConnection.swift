/// A connection as the fault plan's segment question sees it, simulated (`ConnectionState`) or real (live mode's
/// `LiveConnectionFaultState`): its ends and age, its per-connection toxicity draws and traced periods, and how to
/// arrange a fault's later effect (a `reset_peer` due after the connection opened, a `timeout` that closes).
protocol FaultedConnection: AnyObject {
    var initiator: Endpoint { get }
    var acceptor: Endpoint { get }
    /// When it opened, on the plan's clock.
    var createdAt: Int64 { get }
    /// How trace events name it.
    var label: String { get }
    /// Toxicity draws, one per fault, made the first time the fault is consulted for this connection.
    var faultApplies: [String: Bool] { get set }
    /// Faults whose one-off effect (a scheduled reset or close) is already arranged.
    var arrangedFaultEffects: Set<String> { get set }
    /// (fault, activity period, direction) triples already traced, so a fault is traced once per period.
    var tracedFaultPeriods: Set<FaultPeriodKey> { get set }
    /// The stream a `slicer` fault draws its segment sizes from.
    func sliceRandom(for fault: Fault) -> SeededRandom
    /// Resets the connection at `time` on the plan's clock.
    func arrangeReset(at time: Int64, reason: String)
    /// Closes both directions `delay` from now.
    func arrangeClose(after delay: Duration, reason: String)
}

/// A fault traced on a connection for one of its activity periods, in one direction.
struct FaultPeriodKey: Hashable {
    var fault: String
    var periodStart: Int64
    var direction: FaultDirection
}

extension FaultedConnection {
    /// Whether `fault` applies to this connection, drawing its toxicity once, from `plan`, the first time it asks.
    func applies(_ fault: Fault, plan: FaultPlan) -> Bool {
        if fault.toxicity >= 1 { return true }
        if let decided = faultApplies[fault.name] { return decided }
        let decided = plan.drawToxicity(fault.toxicity, of: fault.name)
        faultApplies[fault.name] = decided
        return decided
    }

    /// The host a segment in `direction` leaves from, and the host it goes to.
    func hosts(_ direction: FaultDirection) -> (from: String, to: String) {
        direction == .downstream ? (acceptor.host, initiator.host) : (initiator.host, acceptor.host)
    }
}
