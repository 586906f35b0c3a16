import Scenarios

extension SweepJobOutcome {
    /// What two runs of one seed must share for check-determinism to call them equal: the failure signature (or
    /// `passed`), the virtual time and the trace digest; for a job that could not run or crashed, why.
    var fingerprint: String {
        switch self {
        case let .finished(result):
            guard let record = result.record else { return "error: \(result.error ?? "no record")" }
            return "\(record.failure?.signature ?? "passed"), virtual \(record.virtualSeconds)s, "
                + "digest \(record.digest)"
        case let .crashed(_, summary, _):
            return "crash: \(summary)"
        }
    }
}
