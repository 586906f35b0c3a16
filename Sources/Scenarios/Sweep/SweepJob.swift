/// One unit of a sweep: one seed of one variant of one scenario file, optionally with an in-world rerun after a
/// delay, optionally keeping the trace. Worker processes receive it as one JSON line.
public struct SweepJob: Codable, Sendable, Equatable {
    /// The scenario file, as the plan's target names it.
    public var file: String
    public var variant: VariantName
    public var seed: UInt64
    /// Nanoseconds between a transient failure and its rerun, for measuring q(d); nil for a plain run.
    public var rerunAfterNanoseconds: Int64?
    /// With `rerunAfterNanoseconds`: how many reruns the chain may make, stopping at the first pass (nil: one). More
    /// than one measures q_j and validates a policy of k reruns.
    public var reruns: Int?
    /// Keep trace events and send them back (check-determinism uses them to show the first difference).
    public var trace: Bool

    public init(
        file: String, variant: VariantName, seed: UInt64, rerunAfterNanoseconds: Int64? = nil, reruns: Int? = nil,
        trace: Bool = false
    ) {
        self.file = file
        self.variant = variant
        self.seed = seed
        self.rerunAfterNanoseconds = rerunAfterNanoseconds
        self.reruns = reruns
        self.trace = trace
    }

    /// The chain length `ScenarioRunner.run` takes.
    public var rerunCount: Int { max(1, reruns ?? 1) }

    /// The trace capacity a run of this job keeps: every event when the job asks for the trace.
    public var traceCapacity: Int { trace ? Self.fullTraceCapacity : 0 }

    /// Trace events kept when a whole timeline is wanted (`--trace`, a traced determinism check).
    public static let fullTraceCapacity = 1_000_000
}
