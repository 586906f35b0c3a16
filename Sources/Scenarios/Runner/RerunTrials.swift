import ChaosNet
import Triage

/// The rerun trials that measure q(d) for one variant, and the evidence they add up to. Shared by the in-process
/// sweep and `chaos-run run`, so that both measure the same way.
///
/// Only a variant whose failures are all transient is measured: damaging, hang, timeout, crash and violation
/// failures are never rerun, so their q(d) would decide nothing. Each failed seed is rerun per candidate delay, inside
/// its own world (the seed replays exactly up to its failure, then waits the delay while the faults keep their
/// schedule), in a chain of up to `max_reruns` reruns that stops at the first pass, as a CI policy would: rerun 1
/// measures q(d), rerun j the conditional q_j (failures cluster when faults come in episodes).
public enum RerunTrials {
    public struct Trial: Sendable, Equatable {
        public var seed: UInt64
        /// Index into the scenario's `rerun.delays`.
        public var delayIndex: Int
        public var delay: Duration
    }

    /// The trials to run for these first-run records, in a fixed order (delay, then seed); empty when nothing needs
    /// measuring.
    public static func trials(for records: [SeedRecord], delays: [Duration]) -> [Trial] {
        let failed = records.filter { !$0.passed }.sorted { $0.seed < $1.seed }
        guard !failed.isEmpty, failed.allSatisfy({ $0.failure?.kind == .transient }) else { return [] }
        return delays.enumerated().flatMap { index, delay in
            failed.map { Trial(seed: $0.seed, delayIndex: index, delay: delay) }
        }
    }

    /// The evidence from the first-run records, each trial's chain of results (true: that rerun passed; a trial
    /// that crashed counts as one failed rerun), and the workload durations of the first runs.
    public static func evidence(
        records: [SeedRecord], delays: [Duration], results: [(trial: Trial, reruns: [Bool])], workloadSeconds: [Double]
    ) -> RerunEvidence? {
        guard !results.isEmpty else { return nil }
        var chains = Array(repeating: [[Bool]](), count: delays.count)
        for (trial, reruns) in results { chains[trial.delayIndex].append(reruns.isEmpty ? [false] : reruns) }
        let candidates = delays.indices.compactMap { index -> RerunEvidence.Candidate? in
            guard !chains[index].isEmpty else { return nil }
            return RerunEvidence.Candidate(
                delaySeconds: delays[index].secondsDouble, conditional: RerunEvidence.conditional(chains[index]))
        }
        let runSeconds = workloadSeconds.isEmpty ? 0 : workloadSeconds.reduce(0, +) / Double(workloadSeconds.count)
        return RerunEvidence(
            failures: records.count { !$0.passed }, runs: records.count, rerunFailureRates: candidates,
            runSeconds: runSeconds)
    }
}
