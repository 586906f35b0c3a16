/// One unit of a sweep: one seed of one variant of one scenario file, optionally with an in-world rerun after a
/// delay, optionally keeping the trace. Worker processes receive it as one JSON line.
public struct SweepJob: Codable, Sendable, Equatable {
    /// The scenario file, as the plan's target names it.
    public var file: String
    public var variant: VariantName
    public var seed: UInt64
    /// Nanoseconds between a transient failure and its rerun, for measuring q(d); nil for a plain run.
    public var rerunAfterNanoseconds: Int64?
    /// Keep trace events and send them back (check-determinism uses them to show the first difference).
    public var trace: Bool

    public init(
        file: String, variant: VariantName, seed: UInt64, rerunAfterNanoseconds: Int64? = nil, trace: Bool = false
    ) {
        self.file = file
        self.variant = variant
        self.seed = seed
        self.rerunAfterNanoseconds = rerunAfterNanoseconds
        self.trace = trace
    }

    /// The trace capacity a run of this job keeps: every event when the job asks for the trace.
    public var traceCapacity: Int { trace ? Self.fullTraceCapacity : 0 }

    /// Trace events kept when a whole timeline is wanted (`--trace`, a traced determinism check).
    public static let fullTraceCapacity = 1_000_000
}
