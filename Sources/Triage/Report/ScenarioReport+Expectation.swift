extension ScenarioReport {
    /// The scenario's own expectation for a variant and whether the sweep met it. CI fails on an unmet expectation
    /// even when the verdict alone would pass, because the scenario author promised more.
    ///
    /// A lower bound is for variants that reproduce an incident on purpose (a naive component expected to fail in
    /// 5–10% of seeds): a sweep that stops finding the failure has lost the reproduction.
    public struct Expectation: Codable, Sendable, Equatable {
        public var maxFailureRate: Double?
        public var minFailureRate: Double?
        /// The measured failure rate lies within the bounds given.
        public var met: Bool

        public init(maxFailureRate: Double?, minFailureRate: Double? = nil, met: Bool) {
            self.maxFailureRate = maxFailureRate
            self.minFailureRate = minFailureRate
            self.met = met
        }

        public init(maxFailureRate: Double?, minFailureRate: Double? = nil, failureRate: Double) {
            let underMax = maxFailureRate.map { failureRate <= $0 } ?? true
            let overMin = minFailureRate.map { failureRate >= $0 } ?? true
            self.init(maxFailureRate: maxFailureRate, minFailureRate: minFailureRate, met: underMax && overMin)
        }

        /// `≤ 0.5%`, `≥ 5%`, `between 5% and 10%`.
        public var bounds: String {
            switch (minFailureRate, maxFailureRate) {
            case let (min?, max?): "between \(ReportFormat.percent(min)) and \(ReportFormat.percent(max))"
            case let (min?, nil): "≥ \(ReportFormat.percent(min))"
            case let (nil, max?): "≤ \(ReportFormat.percent(max))"
            case (nil, nil): "any"
            }
        }

        enum CodingKeys: String, CodingKey {
            case met
            case maxFailureRate = "max_failure_rate"
            case minFailureRate = "min_failure_rate"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            maxFailureRate = try container.decodeIfPresent(Double.self, forKey: .maxFailureRate)
            minFailureRate = try container.decodeIfPresent(Double.self, forKey: .minFailureRate)
            met = try container.decode(Bool.self, forKey: .met)
        }

        // Explicit nulls, like the rest of the report: every key is always present.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(maxFailureRate, forKey: .maxFailureRate)
            try container.encode(minFailureRate, forKey: .minFailureRate)
            try container.encode(met, forKey: .met)
        }
    }
}
