extension ScenarioReport {
    /// The scenario's own expectation for a variant and whether the sweep met it. CI fails on an unmet expectation
    /// even when the verdict alone would pass, because the scenario author promised more.
    ///
    /// A lower bound is for variants that reproduce an incident on purpose (a naive component expected to fail in
    /// 5–10% of seeds): a sweep that stops finding the failure has lost the reproduction.
    public struct Expectation: Codable, Sendable, Equatable {
        public var maxFailureRate: Double?
        public var minFailureRate: Double?
        /// The highest acceptable rate of damaging failures (broken invariants).
        public var maxDamagingRate: Double?
        /// The measured rates lie within the bounds given.
        public var met: Bool

        public init(maxFailureRate: Double?, minFailureRate: Double? = nil, maxDamagingRate: Double? = nil, met: Bool) {
            self.maxFailureRate = maxFailureRate
            self.minFailureRate = minFailureRate
            self.maxDamagingRate = maxDamagingRate
            self.met = met
        }

        public init(
            maxFailureRate: Double?, minFailureRate: Double? = nil, maxDamagingRate: Double? = nil,
            failureRate: Double, damagingRate: Double = 0
        ) {
            let underMax = maxFailureRate.map { failureRate <= $0 } ?? true
            let overMin = minFailureRate.map { failureRate >= $0 } ?? true
            let damageBounded = maxDamagingRate.map { damagingRate <= $0 } ?? true
            self.init(
                maxFailureRate: maxFailureRate, minFailureRate: minFailureRate, maxDamagingRate: maxDamagingRate,
                met: underMax && overMin && damageBounded)
        }

        /// The expectation a sweep states, nil when it states none.
        init?(_ sweep: VariantSweep, failureRate: Double, damagingRate: Double) {
            guard sweep.maxFailureRate != nil || sweep.minFailureRate != nil || sweep.maxDamagingRate != nil else {
                return nil
            }
            self.init(
                maxFailureRate: sweep.maxFailureRate, minFailureRate: sweep.minFailureRate,
                maxDamagingRate: sweep.maxDamagingRate, failureRate: failureRate, damagingRate: damagingRate)
        }

        /// `failure rate ≤ 0.5%`, `failure rate between 5% and 10%, damaging rate ≤ 0%`.
        public var bounds: String {
            var parts: [String] = []
            switch (minFailureRate, maxFailureRate) {
            case let (min?, max?):
                parts.append("failure rate between \(ReportFormat.percent(min)) and \(ReportFormat.percent(max))")
            case let (min?, nil): parts.append("failure rate ≥ \(ReportFormat.percent(min))")
            case let (nil, max?): parts.append("failure rate ≤ \(ReportFormat.percent(max))")
            case (nil, nil): break
            }
            if let maxDamagingRate { parts.append("damaging rate ≤ \(ReportFormat.percent(maxDamagingRate))") }
            return parts.isEmpty ? "none" : parts.joined(separator: ", ")
        }

        enum CodingKeys: String, CodingKey {
            case met
            case maxFailureRate = "max_failure_rate"
            case minFailureRate = "min_failure_rate"
            case maxDamagingRate = "max_damaging_rate"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            maxFailureRate = try container.decodeIfPresent(Double.self, forKey: .maxFailureRate)
            minFailureRate = try container.decodeIfPresent(Double.self, forKey: .minFailureRate)
            maxDamagingRate = try container.decodeIfPresent(Double.self, forKey: .maxDamagingRate)
            met = try container.decode(Bool.self, forKey: .met)
        }

        // Explicit nulls, like the rest of the report: every key is always present.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(maxFailureRate, forKey: .maxFailureRate)
            try container.encode(minFailureRate, forKey: .minFailureRate)
            try container.encode(maxDamagingRate, forKey: .maxDamagingRate)
            try container.encode(met, forKey: .met)
        }
    }
}
