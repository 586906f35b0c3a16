/// What a driver measured in one seed beyond pass or fail: counters by label (`failures_by_reason`: `INVALID_JSON` 3,
/// `IPFSTimeout` 12) and samples of distributions (`attempts_per_entry`: 1, 1, 4). A sweep adds the counters up and
/// summarises the distributions over all seeds (`FigureSummary`) for report.json, report.md and the console.
///
/// Figure names are snake_case words; labels are whatever the component calls the thing counted.
public struct SeedFigures: Codable, Sendable, Equatable {
    /// Counts by figure, then by label.
    public var counters: [String: [String: Int]]
    /// Sample values by figure.
    public var samples: [String: [Double]]

    public init(counters: [String: [String: Int]] = [:], samples: [String: [Double]] = [:]) {
        self.counters = counters
        self.samples = samples
    }

    public var isEmpty: Bool { counters.isEmpty && samples.isEmpty }

    /// Adds `amount` to the count of `label` in `figure`.
    public mutating func count(_ figure: String, _ label: String, by amount: Int = 1) {
        counters[figure, default: [:]][label, default: 0] += amount
    }

    /// Adds one sample to the distribution `figure`.
    public mutating func record(_ figure: String, _ value: Double) {
        samples[figure, default: []].append(value)
    }
}
