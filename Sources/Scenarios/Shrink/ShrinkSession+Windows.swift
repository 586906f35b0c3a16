import ChaosNet

/// The steps on a fault's activity: episodes to the windows this seed drew, only the windows the fault fired in,
/// ddmin over the windows, each window narrowed to its firings.
extension ShrinkSession {
    static let millisecond: Int64 = 1_000_000

    /// Replaces episodes by the windows this seed's world draws through the end of the current plan's run: the
    /// fault is then active at the same times, so the run is the same. Rounded out to the millisecond first, which
    /// reads better and changes the run only if something meets the fault in the fraction of a millisecond added;
    /// exact if that loses the failure.
    func replaceEpisodes(at index: Int) {
        let entry = current.entries[index]
        guard case .episodes = entry.activity, !exhausted else { return }
        let end = currentOutcome.virtualEnd.nanosecondsClamped
        let horizon = Duration.nanoseconds(Self.ceilingToMillisecond(end)) + .seconds(1)
        let exact = entry.activeWindows(seed: seed, through: horizon)
        let rounded = Self.merged(exact.map { window in
            (Self.floorToMillisecond(window.start.nanosecondsClamped),
             Self.ceilingToMillisecond(window.end.nanosecondsClamped))
        })
        for (windows, precision) in [(rounded, ", to the millisecond"), (exact, "")] where !exhausted {
            var replaced = entry
            replaced.activity = .windows(windows)
            if attempt(current.replacing(index, with: replaced)) {
                let count = windows.count == 1 ? "the 1 window" : "the \(windows.count) windows"
                note("\(entry.name): episodes → \(count) seed \(seed) draws through \(horizon.formattedSeconds)"
                    + precision)
                return
            }
        }
    }

    /// Keeps only the windows in which the fault fired in the current plan's run.
    func keepFiredWindows(at index: Int) {
        let entry = current.entries[index]
        guard case let .windows(windows) = entry.activity, !windows.isEmpty, !exhausted else { return }
        let firings = firingTimes(of: entry)
        let fired = windows.filter { window in firings.contains { window.contains($0) } }
        guard !fired.isEmpty, fired.count < windows.count else { return }
        var kept = entry
        kept.activity = .windows(fired)
        if attempt(current.replacing(index, with: kept)) {
            note("\(entry.name): kept the \(fired.count) of \(windows.count) windows it fired in")
        }
    }

    /// ddmin over the fault's windows.
    func dropWindows(at index: Int) {
        let entry = current.entries[index]
        guard case let .windows(windows) = entry.activity, windows.count >= 2, !exhausted else { return }
        let (kept, complete) = DeltaDebugging.minimize(windows) { subset in
            var candidate = entry
            candidate.activity = .windows(subset)
            let failing = fails(current.replacing(index, with: candidate))
            return exhausted ? nil : failing
        }
        if !complete { exhausted = true }
        guard kept.count < windows.count else { return }
        var reduced = entry
        reduced.activity = .windows(kept)
        // ddmin only moves to lists that failed when replayed.
        current = current.replacing(index, with: reduced)
        note("\(entry.name): kept \(kept.count) of \(windows.count) windows")
    }

    /// Narrows each window: its start as late as its first firing, its end as early as just after its last, at the
    /// millisecond; where that loses the failure, bisected between the two.
    func narrowWindows(at index: Int) {
        guard case let .windows(windows) = current.entries[index].activity else { return }
        for windowIndex in windows.indices where !exhausted {
            narrowWindow(windowIndex, ofFaultAt: index)
        }
    }

    private func narrowWindow(_ windowIndex: Int, ofFaultAt index: Int) {
        let entry = current.entries[index]
        guard case let .windows(windows) = entry.activity else { return }
        let window = windows[windowIndex]
        let start = window.start.nanosecondsClamped, end = window.end.nanosecondsClamped
        let firings = firingTimes(of: entry).filter { window.contains($0) }
        func withWindow(start: Int64? = nil, end: Int64? = nil) -> FaultPlanSpec {
            guard case var .windows(windows) = current.entries[index].activity else { return current }
            let old = windows[windowIndex]
            windows[windowIndex] = FaultWindow(
                start: start.map(Duration.nanoseconds) ?? old.start, end: end.map(Duration.nanoseconds) ?? old.end)
            var candidate = current.entries[index]
            candidate.activity = .windows(windows)
            return current.replacing(index, with: candidate)
        }
        let latestStart = max(start, Self.floorToMillisecond(firings.first ?? end))
        let newStart = bisect(from: start, toward: latestStart, round: Self.floorToMillisecond) {
            withWindow(start: $0)
        }
        let earliestEnd = max(newStart, Self.ceilingToMillisecond((firings.last ?? newStart) + 1))
        let newEnd = bisect(from: end, toward: earliestEnd, round: Self.ceilingToMillisecond) {
            withWindow(end: $0)
        }
        if newStart != start || newEnd != end {
            let narrowed = FaultWindow(start: .nanoseconds(newStart), end: .nanoseconds(newEnd))
            note("\(entry.name): window \(window) → \(narrowed)")
        }
    }

    /// When the fault fired in the current plan's run, in nanoseconds.
    func firingTimes(of entry: PlanFault) -> [Int64] {
        currentOutcome.firings.filter(entry.fired).map(\.timeNanoseconds)
    }

    static func floorToMillisecond(_ nanoseconds: Int64) -> Int64 {
        nanoseconds / millisecond * millisecond
    }

    static func ceilingToMillisecond(_ nanoseconds: Int64) -> Int64 {
        let floor = floorToMillisecond(nanoseconds)
        return floor == nanoseconds ? floor : saturatingSum(floor, millisecond)
    }

    private static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// Sorted windows with those that now overlap or touch joined into one.
    static func merged(_ windows: [(Int64, Int64)]) -> [FaultWindow] {
        var joined: [(Int64, Int64)] = []
        for window in windows.sorted(by: { $0.0 < $1.0 }) {
            if let last = joined.last, window.0 <= last.1 {
                joined[joined.count - 1].1 = max(last.1, window.1)
            } else {
                joined.append(window)
            }
        }
        return joined.map { FaultWindow(start: .nanoseconds($0.0), end: .nanoseconds($0.1)) }
    }
}

extension FaultWindow {
    /// Whether the half-open window contains the time `nanoseconds`.
    func contains(_ nanoseconds: Int64) -> Bool {
        start.nanosecondsClamped <= nanoseconds && nanoseconds < end.nanosecondsClamped
    }
}
