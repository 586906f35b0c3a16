/// How the scheduler picks the next job when more than one is ready.
public enum ScheduleStrategy: Sendable, Equatable, CustomStringConvertible {
    /// Any ready job may go next, drawn uniformly from the seed: the default, good at shallow races.
    case randomWalk
    /// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): each task gets a random priority when it
    /// is first seen, the ready job of the highest-priority task always runs, and at `depth - 1` steps drawn from
    /// `1...stepEstimate` the running task drops below every other. A bug that needs `depth` ordering constraints
    /// among n tasks is found by one seed with probability at least 1 / (n · stepEstimate^(depth - 1)).
    ///
    /// `stepEstimate` should be about the steps a run takes (the `steps` of a result): change points beyond the
    /// end of the run never happen.
    case pct(depth: Int, stepEstimate: Int)

    public var description: String {
        switch self {
        case .randomWalk: "random walk"
        case let .pct(depth, stepEstimate): "PCT (depth \(depth), \(stepEstimate) steps)"
        }
    }
}
