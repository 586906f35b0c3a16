/// The fliprate of a test's history exactly as flaky-tests-detection computes it for `--grouping-option runs`
/// (WithSecureOpenSource/flaky-tests-detection @1c85b3f, `flaky_tests_detection/check_flakes.py`; facts sheet
/// `flaky-triage.md` §2), so that a team moving from that tool sees the numbers it knows:
///
/// - the statuses are the raw JUnit result tags (`pass`, `failure`, `error`), so failure ↔ error counts as a flip;
///   skipped results are dropped before anything is counted;
/// - `calc_fliprate`: flips / (n − 1) over consecutive statuses, 0 when n < 2;
/// - `non_overlapping_window_fliprate`: the history is cut into windows of `windowSize` runs counted back from the
///   latest run (so the oldest window may be short), and only the latest `windowCount` windows are kept;
/// - an exponentially weighted mean over the windows, oldest first, with `alpha = 0.1, adjust = False`:
///   s₀ = x₀, sᵢ = 0.9 · sᵢ₋₁ + 0.1 · xᵢ;
/// - the score the tool ranks and prints is the smoothed value of the latest window whose own fliprate is not 0
///   (it drops zero windows from its table *after* smoothing, then takes each test's last row), and a test with
///   no flipping window is not listed at all: its score here is 0.
public struct FlipRate: Sendable, Equatable, Codable {
    /// A result as the tool reads it: the tag of the testcase's first result child, or `pass` without one.
    public enum Status: String, Sendable, Codable {
        case pass, failure, error
    }

    /// `EWM_ALPHA` in check_flakes.py.
    public static let smoothing = 0.1

    /// Runs per window.
    public var windowSize: Int
    /// How many of the latest windows are kept; nil keeps them all (the tool requires a number).
    public var windowCount: Int?
    /// Each kept window's fliprate, oldest first.
    public var windows: [Double]
    /// The smoothed fliprate after each window, oldest first.
    public var smoothed: [Double]
    /// What flaky-tests-detection prints for the test: see the type's documentation.
    public var score: Double

    public init(statuses: [Status], windowSize: Int, windowCount: Int? = nil) {
        precondition(windowSize >= 1, "a fliprate window holds at least one run")
        precondition(windowCount.map { $0 >= 1 } ?? true, "keep at least one window")
        self.windowSize = windowSize
        self.windowCount = windowCount
        // Windows are counted from the latest run backwards, as the tool reverses the series before grouping.
        let latestFirst = Array(statuses.reversed())
        var windowsLatestFirst: [Double] = []
        var start = 0
        while start < latestFirst.count, windowsLatestFirst.count < (windowCount ?? Int.max) {
            let end = min(start + windowSize, latestFirst.count)
            windowsLatestFirst.append(Self.fliprate(latestFirst[start..<end]))
            start = end
        }
        let windows = Array(windowsLatestFirst.reversed())
        var smoothed: [Double] = []
        for value in windows {
            let previous = smoothed.last ?? value
            smoothed.append((1 - Self.smoothing) * previous + Self.smoothing * value)
        }
        self.windows = windows
        self.smoothed = smoothed
        score = windows.indices.last { windows[$0] != 0 }.map { smoothed[$0] } ?? 0
    }

    /// `calc_fliprate`: the share of consecutive pairs that differ; 0 for fewer than two results. Symmetric, so the
    /// order the window is read in does not matter.
    public static func fliprate(_ statuses: ArraySlice<Status>) -> Double {
        guard statuses.count >= 2 else { return 0 }
        let flips = zip(statuses.dropLast(), statuses.dropFirst()).filter { $0 != $1 }.count
        return Double(flips) / Double(statuses.count - 1)
    }

    enum CodingKeys: String, CodingKey {
        case windows, smoothed, score
        case windowSize = "window_runs"
        case windowCount = "window_count"
    }

    /// Writes `window_count` as an explicit null when every window is kept, so the keys never vary.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windowSize, forKey: .windowSize)
        try container.encode(windowCount, forKey: .windowCount)
        try container.encode(windows, forKey: .windows)
        try container.encode(smoothed, forKey: .smoothed)
        try container.encode(score, forKey: .score)
    }
}
