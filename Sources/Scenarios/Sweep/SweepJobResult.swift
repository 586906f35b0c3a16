import Triage

/// What running a `SweepJob` gave: the seed's record and rerun result, or why the job could not run. Worker
/// processes answer each job with one as a JSON line.
public struct SweepJobResult: Codable, Sendable {
    public var record: SeedRecord?
    /// Virtual seconds the workload's first run took.
    public var workloadSeconds: Double
    public var rerunPassed: Bool?
    /// Each rerun of the chain, in order (true: passed); nil when no rerun was made.
    public var rerunResults: [Bool]?
    /// Trace events as timeline lines, when the job asked for them.
    public var trace: [String]?
    /// Set instead of a record when the job could not be run at all (the file no longer loads, say).
    public var error: String?

    public init(
        record: SeedRecord?, workloadSeconds: Double, rerunPassed: Bool?, rerunResults: [Bool]? = nil,
        trace: [String]?, error: String?
    ) {
        self.record = record
        self.workloadSeconds = workloadSeconds
        self.rerunPassed = rerunPassed
        self.rerunResults = rerunResults
        self.trace = trace
        self.error = error
    }

    /// The result of `run` for `job`.
    public init(_ run: SeedRun, job: SweepJob) {
        self.init(
            record: run.record, workloadSeconds: run.workloadSeconds, rerunPassed: run.rerunPassed,
            rerunResults: run.rerunResults.isEmpty ? nil : run.rerunResults,
            trace: job.trace ? run.trace.map(\.timelineLine) : nil, error: nil)
    }

    /// A job that could not run.
    public static func failed(_ error: String) -> SweepJobResult {
        SweepJobResult(record: nil, workloadSeconds: 0, rerunPassed: nil, trace: nil, error: error)
    }
}

/// How a job ended: with a result, or with the process that ran it dead (a trap, a signal).
public enum SweepJobOutcome: Sendable {
    case finished(SweepJobResult)
    /// `cause` is stable across seeds (`the worker died of signal 4`) and goes into the signature; `summary` is one
    /// line for people, `detail` what the process wrote last.
    case crashed(cause: String, summary: String, detail: String)

    /// The result, nil for a crash.
    public var result: SweepJobResult? {
        if case let .finished(result) = self { return result }
        return nil
    }
}
