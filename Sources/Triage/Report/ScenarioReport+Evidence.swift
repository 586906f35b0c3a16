extension ScenarioReport {
    /// The measured rerun evidence as it appears in the report, so a reader can check the policy's arithmetic.
    public struct Evidence: Codable, Sendable, Equatable {
        /// p, the first-run failure rate the runner measured the reruns against, and its counts.
        public var failureRate: Double
        public var failures: Int
        public var runs: Int
        /// T, how long one run takes.
        public var runSeconds: Double
        /// q(d) for each measured delay d, by ascending delay.
        public var candidates: [Candidate]

        public struct Candidate: Codable, Sendable, Equatable {
            public var delaySeconds: Double
            /// q(d) = q_1, its counts and Wilson 95% interval.
            public var failureRate: Double
            public var failures: Int
            public var trials: Int
            public var failureRateCI95: [Double]
            /// q_j for j = 1, 2, …: rerun j's failures among chains that had failed j times before it.
            public var chain: [Link]
            /// Whether some q_j (j ≥ 2) lies wholly above q_1, so that the policy used the q_j.
            public var clustered: Bool

            public init(_ candidate: RerunEvidence.Candidate) {
                delaySeconds = candidate.delaySeconds
                failureRate = candidate.failureRate
                failures = candidate.first.failures
                trials = candidate.trials
                let interval = candidate.first.interval
                failureRateCI95 = [interval.lower, interval.upper]
                chain = candidate.conditional.enumerated().map { Link(rerun: $0 + 1, $1) }
                clustered = candidate.clustered
            }

            enum CodingKeys: String, CodingKey {
                case trials, failures, chain, clustered
                case delaySeconds = "delay_seconds"
                case failureRate = "failure_rate"
                case failureRateCI95 = "failure_rate_ci95"
            }
        }

        /// One q_j.
        public struct Link: Codable, Sendable, Equatable {
            public var rerun: Int
            public var failures: Int
            public var trials: Int
            /// failures / trials, 1 when no chain got this far (an unmeasured rerun is assumed to fail).
            public var failureRate: Double
            public var failureRateCI95: [Double]

            init(rerun: Int, _ count: RerunEvidence.Count) {
                self.rerun = rerun
                failures = count.failures
                trials = count.trials
                failureRate = count.rate
                failureRateCI95 = [count.interval.lower, count.interval.upper]
            }

            enum CodingKeys: String, CodingKey {
                case rerun, failures, trials
                case failureRate = "failure_rate"
                case failureRateCI95 = "failure_rate_ci95"
            }
        }

        /// The report form of runner evidence, candidates sorted so their order never depends on the runner's.
        public init(_ evidence: RerunEvidence) {
            failureRate = evidence.failureRate
            failures = evidence.failures
            runs = evidence.runs
            runSeconds = evidence.runSeconds
            candidates = evidence.rerunFailureRates
                .sorted { ($0.delaySeconds, $0.failureRate, $0.trials) < ($1.delaySeconds, $1.failureRate, $1.trials) }
                .map(Candidate.init)
        }

        enum CodingKeys: String, CodingKey {
            case candidates, failures, runs
            case failureRate = "failure_rate"
            case runSeconds = "run_seconds"
        }
    }
}
