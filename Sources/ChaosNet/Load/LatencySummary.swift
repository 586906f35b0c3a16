/// Latencies of a load run, each measured from its request's scheduled arrival, and their percentiles.
public struct LatencySummary: Sendable, Equatable {
    /// Every latency, sorted.
    public let sorted: [Duration]

    public init(_ latencies: [Duration]) {
        sorted = latencies.sorted()
    }

    public var count: Int { sorted.count }

    /// The nearest-rank percentile `p` (0.5 for the median, 0.999 for p99.9); nil with no latency.
    public func percentile(_ p: Double) -> Duration? {
        precondition((0...1).contains(p), "a percentile is between 0 and 1")
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }
}
