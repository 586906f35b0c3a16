/// Where two timelines of the same seed part ways: what `check-determinism` prints when two runs disagree.
public struct TraceDifference: Sendable, Equatable {
    /// Index of the first event that differs (or that only one timeline has).
    public var index: Int
    /// The event of each run at `index`; nil when that run's timeline ended before it.
    public var first: String?
    public var second: String?

    public init(index: Int, first: String?, second: String?) {
        self.index = index
        self.first = first
        self.second = second
    }

    /// The first difference between two timelines (one line per event), nil when they are equal.
    public static func between(_ first: [String], _ second: [String]) -> TraceDifference? {
        for index in 0..<max(first.count, second.count) {
            let a = index < first.count ? first[index] : nil
            let b = index < second.count ? second[index] : nil
            if a != b { return TraceDifference(index: index, first: a, second: b) }
        }
        return nil
    }
}
