import ChaosNet
import Triage

/// One seed of one variant, as the runner ran it.
public struct SeedRun: Sendable {
    /// The variant that ran.
    public var variant: VariantName
    /// The seed's result as reports use it.
    public var record: SeedRecord
    /// Virtual seconds the workload's first run took (without the start jitter): the cost of one CI run.
    public var workloadSeconds: Double
    /// With `rerunAfter`: whether the failed workload, run again that long after its failure in the same world,
    /// passed; nil when no rerun was made (the seed passed, or its failure is not transient).
    public var rerunPassed: Bool?
    /// The simulation's own summary: seed, outcome, virtual time, steps, digest, build.
    public var summaryLines: [String]
    /// Every trace event kept (none unless the run asked for a trace).
    public var trace: [TraceEvent]
}
