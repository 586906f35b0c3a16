extension ScenarioReport {
    /// The measured rerun evidence as it appears in the report, so a reader can check the policy's arithmetic.
    public struct Evidence: Codable, Sendable, Equatable {
        /// p, the first-run failure rate the runner measured the reruns against.
        public var failureRate: Double
        /// T, how long one run takes.
        public var runSeconds: Double
        /// q(d) for each measured delay d, by ascending delay.
        public var candidates: [Candidate]

        public struct Candidate: Codable, Sendable, Equatable {
            public var delaySeconds: Double
            public var failureRate: Double
            public var trials: Int

            public init(delaySeconds: Double, failureRate: Double, trials: Int) {
                self.delaySeconds = delaySeconds
                self.failureRate = failureRate
                self.trials = trials
            }

            enum CodingKeys: String, CodingKey {
                case trials
                case delaySeconds = "delay_seconds"
                case failureRate = "failure_rate"
            }
        }

        public init(failureRate: Double, runSeconds: Double, candidates: [Candidate]) {
            self.failureRate = failureRate
            self.runSeconds = runSeconds
            self.candidates = candidates
        }

        /// The report form of runner evidence, candidates sorted so their order never depends on the runner's.
        public init(_ evidence: RerunEvidence) {
            self.init(
                failureRate: evidence.failureRate, runSeconds: evidence.runSeconds,
                candidates: evidence.rerunFailureRates
                    .map { Candidate(delaySeconds: $0.delaySeconds, failureRate: $0.failureRate, trials: $0.trials) }
                    .sorted {
                        ($0.delaySeconds, $0.failureRate, $0.trials) < ($1.delaySeconds, $1.failureRate, $1.trials)
                    }
            )
        }

        enum CodingKeys: String, CodingKey {
            case candidates
            case failureRate = "failure_rate"
            case runSeconds = "run_seconds"
        }
    }
}
