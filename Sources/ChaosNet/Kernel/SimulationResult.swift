/// Everything one simulation run produced: why it stopped, the root's value, and the evidence to replay it.
public struct SimulationResult<Value: Sendable>: Sendable {
    public var seed: UInt64
    public var outcome: Outcome
    /// The root's result when `outcome` is `.completed`; nil otherwise.
    public var value: Result<Value, any Error>?
    /// Virtual time when the outcome was decided.
    public var virtualTime: Duration
    /// Jobs run until the outcome was decided.
    public var steps: Int
    /// Digest of every trace event and scheduling decision.
    public var digest: TraceDigest
    public var trace: Trace
    /// Jobs captured from the global executor (stray `Task {}` or detached tasks) and run in the simulation.
    public var strayJobCount: Int
    /// Tasks started with `spawn` (or the root) still unfinished when the outcome was decided.
    public var unfinishedTaskCount: Int
    /// The escape ledger: errors that background work let escape before the outcome was decided (the first one is
    /// the crash, under the default `EscapePolicy`).
    public var escapes: [EscapedError] = []

    /// How the code was compiled. The optimiser changes where tasks suspend, so a debug and a release build of the same
    /// code can interleave a seed differently: digests are comparable only between runs of the same build.
    public static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// The lines chaos-run prints for a run: seed first, then outcome, virtual time, steps, digest and build.
    public var summaryLines: [String] {
        var lines = [
            "seed: \(seed)",
            "outcome: \(outcome.summary)",
            "virtual time: \(virtualTime.formattedSeconds)",
            "steps: \(steps)",
            "digest: \(digest)",
            "build: \(Self.buildConfiguration)",
        ]
        if strayJobCount > 0 { lines.append("captured stray jobs: \(strayJobCount)") }
        for escape in escapes {
            lines.append("escaped at \(TraceEvent.formatTime(escape.atNanoseconds).trimmingLeadingSpaces): \(escape)")
        }
        return lines
    }
}
