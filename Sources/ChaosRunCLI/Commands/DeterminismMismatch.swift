import ChaosNet
import Scenarios

/// What check-determinism prints for one seed whose two runs differed: both runs' fingerprints, then what two more
/// runs with traces show — the first event where their timelines part or, when the timelines cannot show the
/// difference, what those runs ended with.
struct DeterminismMismatch {
    var job: SweepJob
    /// The fingerprints of the two runs that differed.
    var runs: (first: String, second: String)
    /// The two reruns with traces; nil for one that was not run (interrupted).
    var traced: (first: SweepJobOutcome?, second: SweepJobOutcome?)

    var lines: [String] {
        var lines = ["seed \(job.seed) (\(job.variant)):", "  run 1: \(runs.first)", "  run 2: \(runs.second)"]
        let outcomes = [traced.first, traced.second].enumerated().map { position, outcome in
            "    run \(position + 1): \(outcome?.fingerprint ?? "(not run: interrupted)")"
        }
        // A crashed or unrunnable rerun sends back no events: an empty timeline would read as one that ended early.
        guard let first = traced.first?.result?.trace, let second = traced.second?.result?.trace else {
            return lines + ["  a traced rerun sent back no trace to compare:"] + outcomes
        }
        if let difference = TraceDifference.between(first, second) {
            // Numbered from 1, as the lines of the timeline `replay --trace` prints.
            lines.append("  first differing trace event (#\(difference.index + 1)):")
            lines.append("    run 1: \(difference.first ?? "(the trace ends here)")")
            lines.append("    run 2: \(difference.second ?? "(the trace ends here)")")
            return lines
        }
        if traced.first?.fingerprint == traced.second?.fingerprint {
            return lines + ["  the traced reruns agreed: the difference did not recur"]
        }
        // The digest also covers every scheduling decision, which no event records.
        return lines
            + ["  the traced reruns differ, but not in any trace event: in scheduling decisions, the final virtual "
                + "time or the outcome"]
            + outcomes
    }
}
