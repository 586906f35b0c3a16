/// When one fault is active, as half-open periods of virtual time in nanoseconds. Episodes are drawn lazily, in order,
/// from the fault's own random stream, so asking about later times never changes earlier periods.
final class FaultSchedule {
    private let activity: FaultActivity
    private let random: SeededRandom
    /// Periods known so far, in order, non-overlapping.
    private(set) var periods: [(start: Int64, end: Int64)] = []
    /// Episodes are known up to here (exclusive).
    private var drawnUntil: Int64 = 0
    /// Index of the last period found, to make monotone queries O(1).
    private var cursor = 0

    init(activity: FaultActivity, random: SeededRandom) {
        self.activity = activity
        self.random = random
        switch activity {
        case .always:
            periods = [(0, .max)]
            drawnUntil = .max
        case let .windows(windows):
            periods = windows
                .map { ($0.start.nanosecondsClamped, $0.end.nanosecondsClamped) }
                .filter { $0.0 < $0.1 }
                .sorted { $0.0 < $1.0 }
            drawnUntil = .max
        case .episodes:
            break
        }
    }

    /// The active period containing `time`, if any.
    func activePeriod(at time: Int64) -> (start: Int64, end: Int64)? {
        drawEpisodes(through: time)
        if cursor >= periods.count || periods[cursor].start > time { cursor = 0 }
        while cursor < periods.count, periods[cursor].end <= time { cursor += 1 }
        guard cursor < periods.count, periods[cursor].start <= time else { return nil }
        return periods[cursor]
    }

    func isActive(at time: Int64) -> Bool { activePeriod(at: time) != nil }

    private func drawEpisodes(through time: Int64) {
        guard case let .episodes(meanGap, meanDuration) = activity else { return }
        while drawnUntil <= time {
            let gap = max(1, random.exponential(mean: meanGap).nanosecondsClamped)
            let duration = max(1, random.exponential(mean: meanDuration).nanosecondsClamped)
            let start = saturatingAdd(drawnUntil, gap)
            let end = saturatingAdd(start, duration)
            periods.append((start, end))
            drawnUntil = end
        }
    }
}

@inline(__always)
func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
}

extension FaultSchedule {
    /// The first active period that ends after `time`, or nil if the fault is never active again. A period that
    /// contains `time` is returned whole.
    func nextPeriod(after time: Int64) -> (start: Int64, end: Int64)? {
        if let period = activePeriod(at: time) { return period }
        // Not active at `time`: the query above drew episodes until one ends after `time`, so the next period, if
        // any, is already known.
        return periods.first { $0.start > time }
    }
}
