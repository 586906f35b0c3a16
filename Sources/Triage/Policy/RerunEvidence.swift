/// What a sweep measured about one scenario's transient failures, the input to a rerun policy.
public struct RerunEvidence: Sendable, Equatable {
    /// Failure rate of a first run (p).
    public var failureRate: Double
    /// Failure rate of a rerun started `delay` after a failure, measured by rerunning inside the same simulated world
    /// (q(d)), for each candidate delay.
    public var rerunFailureRates: [Candidate]
    /// How long one run of the workload takes, in seconds; a rerun costs its delay plus this.
    public var runSeconds: Double

    public struct Candidate: Sendable, Equatable {
        public var delaySeconds: Double
        public var failureRate: Double
        /// How many reruns the rate was measured over (for reports).
        public var trials: Int

        public init(delaySeconds: Double, failureRate: Double, trials: Int) {
            precondition(delaySeconds >= 0, "a rerun delay cannot be negative")
            precondition((0...1).contains(failureRate), "a failure rate lies in 0...1")
            self.delaySeconds = delaySeconds
            self.failureRate = failureRate
            self.trials = trials
        }
    }

    public init(failureRate: Double, rerunFailureRates: [Candidate], runSeconds: Double) {
        precondition((0...1).contains(failureRate), "a failure rate lies in 0...1")
        precondition(runSeconds >= 0, "a run cannot take negative time")
        self.failureRate = failureRate
        self.rerunFailureRates = rerunFailureRates
        self.runSeconds = runSeconds
    }
}
