extension ScenarioReport {
    /// The scenario's own expectation for a variant and whether the sweep met it. CI fails on an unmet expectation
    /// even when the verdict alone would pass, because the scenario author promised more.
    public struct Expectation: Codable, Sendable, Equatable {
        public var maxFailureRate: Double
        /// The measured failure rate is at most `maxFailureRate`.
        public var met: Bool

        public init(maxFailureRate: Double, met: Bool) {
            self.maxFailureRate = maxFailureRate
            self.met = met
        }

        public init(maxFailureRate: Double, failureRate: Double) {
            self.init(maxFailureRate: maxFailureRate, met: failureRate <= maxFailureRate)
        }

        enum CodingKeys: String, CodingKey {
            case met
            case maxFailureRate = "max_failure_rate"
        }
    }
}
