import ChaosNet

/// Reads a fault's `activity:`: `always`, `{windows: [{start, end}, …]}` or `{episodes: {mean_gap, mean_duration}}`.
enum FaultActivityDecoder {
    static let forms = ["windows", "episodes"]

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> FaultActivity {
        guard let node else { return .always }
        if case let .scalar(scalar) = node.node {
            guard scalar.string == "always" else {
                throw node.error("expected 'always', {windows: […]} or {episodes: {…}} for 'activity', got "
                    + node.summary)
            }
            return .always
        }
        let mapping = try node.mapping("activity", allowedKeys: forms)
        guard mapping.entries.count == 1, let entry = mapping.entries.first else {
            throw node.error("an activity has exactly one of windows or episodes, got \(mapping.entries.count) keys")
        }
        if entry.key == "windows" {
            var windows: [FaultWindow] = []
            for item in try entry.value.list(itemLabel: "window") {
                let window = try item.mapping("window", allowedKeys: ["start", "end"])
                let start = try window.required("start").duration()
                let endNode = try window.required("end")
                let end = try endNode.duration()
                // FaultWindow's precondition.
                guard start <= end else {
                    throw endNode.error("a window must not end (\(DurationText.format(end))) before it starts "
                        + "(\(DurationText.format(start)))")
                }
                // Overlapping windows are a mistake in the file, and FaultSchedule expects disjoint periods.
                if let other = windows.first(where: { max($0.start, start) < min($0.end, end) }) {
                    throw item.error("the window \(describe(start, end)) overlaps the window "
                        + describe(other.start, other.end))
                }
                windows.append(FaultWindow(start: start, end: end))
            }
            return .windows(windows)
        }
        let episodes = try entry.value.mapping("episodes", allowedKeys: ["mean_gap", "mean_duration"])
        return .episodes(
            meanGap: try episodes.required("mean_gap").positiveDuration(),
            meanDuration: try episodes.required("mean_duration").positiveDuration())
    }

    private static func describe(_ start: Duration, _ end: Duration) -> String {
        "[\(DurationText.format(start)), \(DurationText.format(end)))"
    }
}
