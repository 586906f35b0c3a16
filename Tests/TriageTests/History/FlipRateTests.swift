import Testing
@testable import Triage

/// The fliprate against flaky-tests-detection's own test cases (tests/test_check_flakes.py @1c85b3f) and the rules
/// of its check_flakes.py, worked by hand.
struct FlipRateTests {
    typealias S = FlipRate.Status

    @Test("calc_fliprate: flips over n - 1 consecutive pairs, 0 below two results", arguments: [
        ([S.pass], 0.0), ([.failure, .failure], 0.0), ([.pass, .failure, .failure], 0.5),
        ([.pass, .failure, .pass, .failure], 1.0),
    ])
    func fliprateOfOneWindow(statuses: [S], expected: Double) {
        #expect(FlipRate.fliprate(statuses[...]) == expected)
    }

    @Test func aSwitchBetweenFailureAndErrorIsAFlip() {
        // The tool compares raw tags: failure → error is 1 flip of 1 pair.
        #expect(FlipRate.fliprate([S.failure, .error][...]) == 1)
    }

    @Test func windowsAreCountedBackFromTheLatestRunAndSmoothedOldestFirst() {
        // The tool's test_non_overlapping_window_fliprate: p p f p p f, windows of 2, 3 kept.
        // Latest first: f p | p f | p p → 1, 1, 0; oldest first: 0, 1, 1.
        // EWM (α = 0.1): s0 = 0; s1 = 0.9·0 + 0.1·1 = 0.1; s2 = 0.9·0.1 + 0.1·1 = 0.19.
        let rate = FlipRate(statuses: [.pass, .pass, .failure, .pass, .pass, .failure], windowSize: 2, windowCount: 3)
        #expect(rate.windows == [0, 1, 1])
        #expect(abs(rate.smoothed[1] - 0.1) < 1e-12)
        #expect(abs(rate.smoothed[2] - 0.19) < 1e-12)
        #expect(abs(rate.score - 0.19) < 1e-12)
    }

    @Test func theOldestWindowMayBeShortAndOnlyTheLatestWindowsAreKept() {
        // The tool's test_no_zero_score_from_n_runs: p f p f p p f, windows of 2, 3 kept.
        // Latest first: f p | p f | p f | p → the 4th window (p) is dropped by window_count; the rest are 1, 1, 1.
        let rate = FlipRate(
            statuses: [.pass, .failure, .pass, .failure, .pass, .pass, .failure], windowSize: 2, windowCount: 3
        )
        #expect(rate.windows == [1, 1, 1])
        #expect(rate.smoothed == [1, 1, 1])
        let all = FlipRate(statuses: [.pass, .failure, .pass, .failure, .pass, .pass, .failure], windowSize: 2)
        #expect(all.windows == [0, 1, 1, 1])
    }

    @Test func theScoreIsTheSmoothedValueOfTheLatestWindowThatFlipped() {
        // p f p p p p, windows of 2: latest first p p | p p | f p → 0, 0, 1; oldest first 1, 0, 0.
        // Smoothed 1, 0.9, 0.81; the tool drops zero windows before taking the last row, so it prints 1, not 0.81.
        let rate = FlipRate(statuses: [.pass, .failure, .pass, .pass, .pass, .pass], windowSize: 2)
        #expect(rate.windows == [1, 0, 0])
        #expect(abs(rate.smoothed[2] - 0.81) < 1e-12)
        #expect(rate.score == 1)
        #expect(FlipRate(statuses: [.pass, .pass, .pass], windowSize: 2).score == 0)
    }
}
