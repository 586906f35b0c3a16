/// A sweep's figures: every seed's counters added up, and every distribution summarised over all its samples.
///
/// A function of the records alone (taken in seed order), so the same records give the same summary in any order of
/// arrival; its JSON has sorted keys like the rest of report.json.
public struct FigureSummary: Codable, Sendable, Equatable {
    /// Totals by figure, then by label.
    public var counters: [String: [String: Int]]
    public var distributions: [String: Distribution]

    public init(counters: [String: [String: Int]] = [:], distributions: [String: Distribution] = [:]) {
        self.counters = counters
        self.distributions = distributions
    }

    /// The summary of `records`' figures.
    public init(_ records: [SeedRecord]) {
        var counters: [String: [String: Int]] = [:]
        var samples: [String: [Double]] = [:]
        for record in records.sorted(by: { $0.seed < $1.seed }) {
            for (figure, labels) in record.figures.counters {
                for (label, count) in labels { counters[figure, default: [:]][label, default: 0] += count }
            }
            for (figure, values) in record.figures.samples { samples[figure, default: []] += values }
        }
        self.init(counters: counters, distributions: samples.compactMapValues(Distribution.init))
    }

    public var isEmpty: Bool { counters.isEmpty && distributions.isEmpty }

    /// Nil when empty, for report fields that are null without figures.
    public var nilIfEmpty: FigureSummary? { isEmpty ? nil : self }

    /// One figure's counts, largest first (ties by label), as `print-storage-errors` lists them.
    public func rankedCounts(_ figure: String) -> [(label: String, count: Int)] {
        (counters[figure] ?? [:]).map { ($0.key, $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label
        }
    }

    /// The summary of one distribution's samples: exact order statistics (nearest rank) over every sample.
    public struct Distribution: Codable, Sendable, Equatable {
        public var count: Int
        public var min: Double
        public var mean: Double
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double

        public init(count: Int, min: Double, mean: Double, p50: Double, p90: Double, p99: Double, max: Double) {
            self.count = count
            self.min = min
            self.mean = mean
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
            self.max = max
        }

        /// Nil for no samples.
        public init?(_ samples: [Double]) {
            guard !samples.isEmpty else { return nil }
            let sorted = samples.sorted()
            func rank(_ quantile: Double) -> Double {
                let index = Int((quantile * Double(sorted.count)).rounded(.up)) - 1
                return sorted[Swift.min(Swift.max(index, 0), sorted.count - 1)]
            }
            self.init(
                count: sorted.count, min: sorted[0], mean: sorted.reduce(0, +) / Double(sorted.count),
                p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted[sorted.count - 1])
        }
    }
}
