/// Where a fault plan's clock, random streams and trace come from: a `Simulation` (virtual time, its seeded streams,
/// its trace) or, in live mode, a wall clock started when the services start.
///
/// Episodes and toxicity are drawn from streams named after the fault, so a live plan with the same seed draws the
/// same episodes as the simulated one; only the clock they are read on differs.
public protocol FaultPlanHost: AnyObject {
    /// The time the plan's activity windows and episodes are measured on, in nanoseconds since the world's epoch.
    var faultTimeNanoseconds: Int64 { get }
    /// The named random stream `name`: the same object for the same name, its draws depending on the seed and name.
    func random(_ name: String) -> SeededRandom
    /// Records a trace event (`source` is `fault` for the plan's own events).
    func trace(_ source: String, _ message: String)
}

extension Simulation: FaultPlanHost {
    public var faultTimeNanoseconds: Int64 { now.nanosecondsSinceEpoch }
}
