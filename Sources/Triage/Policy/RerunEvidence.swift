/// What a sweep (or a CI history) measured about transient failures, the input to a rerun policy. Counts, not just
/// rates, because the chooser works from confidence bounds and a rate without its sample size has none.
public struct RerunEvidence: Sendable, Equatable {
    /// First runs that failed, out of `runs`: p = failures / runs.
    public var failures: Int
    public var runs: Int
    /// Failure rate of a rerun started `delay` after a failure, measured by rerunning inside the same simulated world
    /// (q(d)), for each candidate delay.
    public var rerunFailureRates: [Candidate]
    /// How long one run of the workload takes, in seconds; a rerun costs its delay plus this.
    public var runSeconds: Double

    /// p, the failure rate of a first run.
    public var failureRate: Double { runs == 0 ? 0 : Double(failures) / Double(runs) }

    /// A count of failures out of trials, with its rate and Wilson 95% interval.
    public struct Count: Sendable, Equatable {
        public var failures: Int
        public var trials: Int

        public init(failures: Int, trials: Int) {
            precondition(failures >= 0 && failures <= trials, "failures must lie in 0...trials")
            self.failures = failures
            self.trials = trials
        }

        /// failures / trials; 1 when nothing was measured, since an unmeasured rerun is assumed to fail.
        public var rate: Double { trials == 0 ? 1 : Double(failures) / Double(trials) }
        public var interval: WilsonInterval { WilsonInterval(failures: failures, trials: trials) }
    }

    public struct Candidate: Sendable, Equatable {
        public var delaySeconds: Double
        /// q_j for j = 1, 2, …: failures of rerun j among the chains whose first run and reruns 1..j−1 all failed.
        /// `conditional[0]` is q(d) itself; later entries exist only where the runner measured chains of reruns.
        public var conditional: [Count]

        /// q(d) = q_1, the failure rate of the first rerun.
        public var first: Count { conditional[0] }
        public var failureRate: Double { first.rate }
        public var trials: Int { first.trials }

        public init(delaySeconds: Double, conditional: [Count]) {
            precondition(delaySeconds >= 0, "a rerun delay cannot be negative")
            precondition(!conditional.isEmpty, "a candidate needs at least the first rerun's count")
            self.delaySeconds = delaySeconds
            self.conditional = conditional
        }

        /// One rerun per failure: q(d) only.
        public init(delaySeconds: Double, failures: Int, trials: Int) {
            self.init(delaySeconds: delaySeconds, conditional: [Count(failures: failures, trials: trials)])
        }
    }

    public init(failures: Int, runs: Int, rerunFailureRates: [Candidate], runSeconds: Double) {
        precondition(failures >= 0 && failures <= runs, "failures must lie in 0...runs")
        precondition(runSeconds >= 0, "a run cannot take negative time")
        self.failures = failures
        self.runs = runs
        self.rerunFailureRates = rerunFailureRates
        self.runSeconds = runSeconds
    }
}

extension RerunEvidence {
    /// q_j from chains of reruns that stop at their first pass (true: that rerun passed): rerun j was tried by every
    /// chain longer than j − 1, and failed where that entry is false. Entries stop at the first rerun no chain
    /// reached.
    public static func conditional(_ chains: [[Bool]]) -> [Count] {
        var counts: [Count] = []
        for j in 0..<(chains.map(\.count).max() ?? 0) {
            let reached = chains.filter { $0.count > j }
            counts.append(Count(failures: reached.count { !$0[j] }, trials: reached.count))
        }
        return counts
    }
}
