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
    /// end of the run never happen. Both must be at least 1 (checked when a simulation is made with it).
    case pct(depth: Int, stepEstimate: Int)

    /// The depths and step estimates scenario files and the command line accept.
    public static let pctDepthRange = 1...10
    public static let pctStepEstimateRange = 1...100_000_000
    /// PCT where a depth or a step estimate is not given: depth 3 finds most ordering bugs of the literature, and
    /// 10,000 steps is a small world's run.
    public static let pctDefaultDepth = 3
    public static let pctDefaultStepEstimate = 10_000

    public var description: String {
        switch self {
        case .randomWalk: "random walk"
        case let .pct(depth, stepEstimate): "PCT (depth \(depth), \(stepEstimate) steps)"
        }
    }
}
