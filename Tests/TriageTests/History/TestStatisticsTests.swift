import Testing
@testable import Triage

/// Per-test statistics on small hand-built histories, with the arithmetic worked in the comments.
struct TestStatisticsTests {
    typealias R = HistoryTestRuns

    /// Four runs of commit abc: a pass; a failure then a pass on retry (Surefire flakyFailure); a pass; an error
    /// and a failed rerun (Surefire error + rerunError).
    func fourRuns() throws -> [JUnitRun] {
        let alwaysErrors = #"""
            <testcase classname="C" name="t" time="3"><error message="Read timed out after 5012 ms" \#
            type="java.net.SocketTimeoutException"/><rerunError message="Read timed out after 4998 ms" \#
            type="java.net.SocketTimeoutException"><stackTrace>at C.t</stackTrace></rerunError></testcase>
            """#
        return [
            try R.run(R.passing, path: "1.xml", commit: "abc"),
            try R.run(R.passedOnRetry, path: "2.xml", commit: "abc"),
            try R.run(R.passing, path: "3.xml", commit: "abc"),
            try R.run(alwaysErrors, path: "4.xml", commit: "abc"),
        ]
    }

    @Test func countsRatesAndRetriesOfAFlakyTest() throws {
        let test = try R.statistics(fourRuns())
        // Attempts: 1 + 2 + 1 + 2 = 6, of which 1 (run 2) + 2 (run 4) failed. First attempts failed in runs 2, 4.
        #expect((test.runs, test.attempts, test.failedAttempts, test.failedRuns) == (4, 6, 3, 2))
        #expect(test.finalFailures == 1)
        // p = 2/4. Wilson 95%: centre (0.5 + z²/8)/(1 + z²/4) = 0.5, half-width 1.96·√(1/16 + z²/64)/1.9604 ≈ 0.350.
        #expect(test.failureRate == 0.5)
        #expect(abs(test.failureRateCI95.lower - 0.150) < 0.001)
        #expect(abs(test.failureRateCI95.upper - 0.850) < 0.001)
        // Retries after a failure: run 2 (F → P) and run 4 (E → E): q = 1/2; passed on retry in 1 of 2.
        #expect((test.reruns, test.rerunFailures, test.rerunFailureRate) == (2, 1, 0.5))
        #expect((test.retriedRuns, test.passedOnRetryRuns, test.passOnRetryRate) == (2, 1, 0.5))
        #expect(test.runsWithPassAndFail == 1)
        #expect(test.sameCommitPassAndFail == ["abc"])
        // Last attempts: pass, pass, pass, error → one window of 5: 1 flip in 3 pairs.
        #expect(test.fliprate.windows == [1.0 / 3])
        #expect(test.fliprate.score == 1.0 / 3)
        // Surefire times only the testcase's own attempt, not its flaky or rerun elements: 1, 1, 1, 3 → mean 1.5.
        #expect(test.attemptSecondsMean == 1.5)
        #expect(test.verdict == .flaky)
        #expect(test.signatures.map(\.id) == [
            "errored:java.net.SocketTimeoutException: Read timed out after <duration>",
            "failed:java.lang.AssertionError: expected <n> but was <n>",
        ])
        #expect(test.signatures.map(\.count) == [2, 1])
    }

    @Test func aPolicyComesFromTheSimulatorsChooser() throws {
        let test = try R.statistics(fourRuns())
        let policy = HistoryRerunPolicy.derive(test, settings: RerunSettings())
        // p = 2 of 4, q = 1 of 2: even 5 reruns leave 0.5 · 0.5⁵ = 1.5625% > 0.1% as a point estimate, so more
        // evidence at these rates cannot help: quarantine, not insufficient evidence.
        #expect(policy.action == .quarantine)
        #expect(policy.residualFailureRate == 0.5 * 0.03125)
        let chosen = RerunPolicyChooser().choose(
            RerunEvidence(failures: 2, runs: 4, rerunFailureRates: [.init(delaySeconds: 0, failures: 1, trials: 2)],
                          runSeconds: 1.5)
        )
        #expect(policy.rerunPolicy.residualFailureRate == chosen.residualFailureRate)
        #expect(policy.rerunPolicy.residualCI95 == chosen.residualCI95)
    }

    @Test func oneRetryThatPassedIsTooLittleEvidenceForAPolicy() throws {
        // 10 runs: one fails and passes on retry, nine pass. p = 1/10, q = 0/1: the point estimate 0.1 · 0 = 0 would
        // buy one rerun, but the bounds W(1, 10).upper = 0.4042 and W(0, 1).upper = 0.7935 leave 0.4042 · 0.7935⁵ =
        // 12.7% even with 5 reruns. At the same rates (p̂ = 10%, one retry per ten runs, q̂ = 0) the smallest history
        // whose bound reaches 0.1% has 72 runs (found by trying 11, 12, … with a separate script): 62 more.
        let runs = try [R.run(R.passedOnRetry, path: "0.xml", commit: "c")]
            + (1...9).map { try R.run(R.passing, path: "\($0).xml", commit: "c") }
        let test = try R.statistics(runs)
        let policy = HistoryRerunPolicy.derive(test, settings: RerunSettings())
        #expect(policy.action == .insufficientEvidence)
        #expect(policy.moreRunsNeeded == 62)
        #expect(policy.pytestMarker == nil)
        #expect(policy.reason.contains("p = 10% (1 of 10)"))
        #expect(policy.reason.contains("q(0 s) = 0% (0 of 1 retries within runs failed)"))
        #expect(policy.reason.contains("about 62 more runs at these rates would settle it"))
    }

    @Test func manyRetriesThatPassedBuyOneRerunRestrictedToTheErrorType() throws {
        // 100 runs, 40 of which fail and pass on retry. p = 40/100 with W.upper = 0.4980, q = 0/40 with
        // W.upper = 0.08762: k = 1 leaves 4.36%, k = 2 0.382%, k = 3 0.0335% ≤ 0.1%.
        let runs = try (0..<40).map { try R.run(R.passedOnRetry, path: "f\($0).xml", commit: "c") }
            + (0..<60).map { try R.run(R.passing, path: "p\($0).xml", commit: "c") }
        let test = try R.statistics(runs)
        let policy = HistoryRerunPolicy.derive(test, settings: RerunSettings())
        #expect(policy.action == .rerun)
        #expect(policy.reruns == 3)
        // Anchored at the start of pytest-rerunfailures' `Type: message` text, and ended by the colon.
        #expect(policy.onlyRerun == ["^AssertionError:"])
        #expect(policy.pytestMarker
            == #"@pytest.mark.flaky(reruns=3, reruns_delay=0, only_rerun=["^AssertionError:"])"#)
        // 0.4980 · 0.08762³ = 0.4980 · 6.727e-4 = 3.350e-4.
        #expect(abs((policy.residualFailureRateCI95?.last ?? 1) - 0.000_335_0) < 1e-6)
        #expect(policy.reason.contains("p = 40% (40 of 100)"))
    }

    @Test func withoutRetriesQIsUnmeasuredAndEveryRerunIsAssumedToFail() throws {
        let runs = try [R.run(R.failing(), path: "0.xml"), R.run(R.passing, path: "1.xml")]
        let test = try R.statistics(runs)
        let policy = HistoryRerunPolicy.derive(test, settings: RerunSettings())
        #expect(test.reruns == 0 && test.rerunFailureRate == nil)
        #expect(policy.action == .quarantine)
        #expect(policy.reason.contains("q is unmeasured"))
    }
}
