import Testing
@testable import Triage

/// The verdict rules at their boundaries: runs needed − 1 undecided, the runs needed decided.
struct HistoryVerdictTests {
    typealias R = HistoryTestRuns

    @Test func runsToSeeAFailureMatchTheFactsSheet() {
        let rules = EvidenceRules()
        // ln 0.05 / ln 0.99 = 298.07 → 299; the FlakeFlagger median p = 0.71%: ln 0.05 / ln 0.9929 = 420.4 → 421.
        #expect(rules.stableRunsMin == 299)
        #expect(rules.runsToSee(rate: 0.0071) == 421)
        // Trunk's "9 runs for 90% at 25%": 1 − 0.75⁹ = 92.5%, while 8 runs give 89.99%.
        #expect(EvidenceRules(confidence: 0.9).runsToSee(rate: 0.25) == 9)
        // ln 0.05 / ln 0.8 = 13.4 → 14.
        #expect(rules.brokenRunsMin == 14)
    }

    @Test func aTestIsStableOnlyAfterEnoughCleanRuns() throws {
        let clean = try (0..<299).map { try R.run(R.passing, path: "\($0).xml", commit: "c") }
        let undecided = try R.statistics(Array(clean.dropLast()))
        #expect(undecided.verdict == .insufficientEvidence)
        #expect(undecided.runsNeeded == 1)
        #expect(undecided.reason == "no failure in 298 runs; 1 more would show a 1% failure rate with 95% confidence")
        let stable = try R.statistics(clean)
        #expect(stable.verdict == .stable)
        #expect(stable.runsNeeded == nil)
    }

    @Test func aTestIsBrokenOnlyAfterEnoughRunsWithoutAPass() throws {
        let failing = try (0..<14).map { try R.run(R.failing(), path: "\($0).xml", commit: "c") }
        let undecided = try R.statistics(Array(failing.dropLast()))
        #expect(undecided.verdict == .insufficientEvidence)
        #expect(undecided.runsNeeded == 1)
        #expect(try R.statistics(failing).verdict == .broken)
    }

    @Test func passAndFailOnDifferentCommitsIsNotYetFlaky() throws {
        let runs = try [R.run(R.failing(), path: "a.xml", commit: "a"), R.run(R.passing, path: "b.xml", commit: "b")]
        let test = try R.statistics(runs)
        #expect(test.verdict == .insufficientEvidence)
        // p = 1/2 is above the 1% floor: ln 0.05 / ln 0.5 = 4.3 → 5 runs of one commit.
        #expect(test.runsNeeded == 5)
        let onOneCommit = try [
            R.run(R.failing(), path: "a.xml", commit: "a"), R.run(R.passing, path: "b.xml", commit: "a"),
        ]
        #expect(try R.statistics(onOneCommit).verdict == .flaky)
    }

    @Test func withoutAnyCommitPassAndFailAcrossRunsIsFlaky() throws {
        let runs = try [R.run(R.failing(), path: "a.xml"), R.run(R.passing, path: "b.xml")]
        let test = try R.statistics(runs)
        #expect(test.verdict == .flaky)
        #expect(test.reason.contains("no run names its commit"))
    }

    @Test func aTestThatOnlyEverSkippedNeverRan() throws {
        let skipped = #"<testcase classname="C" name="t"><skipped/></testcase>"#
        let test = try R.statistics([R.run(skipped, path: "a.xml", commit: "c")])
        #expect(test.runs == 0)
        #expect(test.verdict == .insufficientEvidence)
        #expect(test.runsNeeded == 299)
    }

    @Test func runsWithTimestampsAreReadInTimeOrder() throws {
        // Given newest first; time order makes the last statuses fail, fail: windows of 5 → p f f → 1 flip of 2.
        let runs = try [
            R.run(R.failing(), path: "3.xml", commit: "c", timestamp: "2024-05-03T00:00:00Z"),
            R.run(R.passing, path: "1.xml", commit: "c", timestamp: "2024-05-01T00:00:00Z"),
            R.run(R.failing(), path: "2.xml", commit: "c", timestamp: "2024-05-02T00:00:00Z"),
        ]
        let history = TestHistory(runs: runs)
        #expect(history.isTimeOrdered)
        #expect(history.runs.map(\.path) == ["1.xml", "2.xml", "3.xml"])
        #expect(try R.statistics(runs).fliprate.windows == [0.5])
    }
}
