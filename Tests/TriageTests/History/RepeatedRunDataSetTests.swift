import Foundation
import Testing
@testable import Triage

/// A real repeated-run data set (rerunning-no-tests, ISSRE 2020: 4,000 isolated runs per test; see
/// Fixtures/histories/README.md) turned into JUnit runs, one Surefire file per (machine, run), read by the real
/// reader, and triaged: the counts must be the data set's own, and the verdicts its summaries.
struct RepeatedRunDataSetTests {
    static let directory = JUnitTestFiles.packageRoot.appendingPathComponent("Tests/TriageTests/Fixtures/histories")

    struct Summary {
        var result: String
        var runs, passes, errors, failures: Int
    }

    /// The data set's summary rows by test name.
    static func summaries() throws -> [String: Summary] {
        let text = try String(contentsOf: directory.appendingPathComponent("rerunning-no-tests-isolation-summary.csv"),
                              encoding: .utf8)
        var summaries: [String: Summary] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            summaries[fields[2]] = Summary(
                result: fields[4], runs: Int(fields[5])!, passes: Int(fields[6])!, errors: Int(fields[7])!,
                failures: Int(fields[8])!
            )
        }
        return summaries
    }

    /// One JUnit run per (test, machine, run number), in the data set's order, on the data set's commit.
    static func runs() throws -> [JUnitRun] {
        let text = try String(contentsOf: directory.appendingPathComponent("rerunning-no-tests-isolation.csv"),
                              encoding: .utf8)
        var runs: [JUnitRun] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            let (sha, test, machine, outcomes) = (fields[1], fields[2], fields[3], fields[4])
            let dot = test.lastIndex(of: ".")!
            let (classname, name) = (String(test[..<dot]), String(test[test.index(after: dot)...]))
            for (offset, outcome) in outcomes.enumerated() {
                let path = "\(machine)/\(offset + 1)/TEST-\(classname).xml"
                let file = try JUnitFileReader().read(
                    bytes: Array(surefire(classname: classname, name: name, outcome: outcome, run: offset + 1).utf8),
                    path: path
                ).get()
                runs.append(JUnitRun(
                    path: path, commit: sha, commitSource: .explicit, timestamp: nil, timestampSource: .unknown,
                    result: JUnitReadResult(files: [file])
                ))
            }
        }
        return runs
    }

    /// A Surefire report of one test's one run. The data set keeps no messages; the run number in this one must
    /// normalise away, leaving one signature per outcome.
    static func surefire(classname: String, name: String, outcome: Character, run: Int) -> String {
        let result = switch outcome {
        case "F": "<failure message=\"failed in run \(run)\" type=\"java.lang.AssertionError\"/>"
        case "E": "<error message=\"errored in run \(run)\" type=\"java.lang.RuntimeException\"/>"
        default: ""
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="\(classname)" tests="1" errors="0" skipped="0" failures="0">
              <testcase name="\(name)" classname="\(classname)" time="0.1">\(result)</testcase>
            </testsuite>
            """
    }

    @Test func ratesAndVerdictsAgreeWithTheDataSetsOwnSummary() throws {
        let summaries = try Self.summaries()
        let report = TriageReport(history: TestHistory(runs: try Self.runs()), settings: HistorySettings())
        #expect(report.tests.count == 5)
        let expectedVerdict: [String: HistoryVerdict] = ["flaky": .flaky, "failure": .broken, "pass": .stable]
        for test in report.tests {
            let summary = try #require(summaries[test.classname + "." + test.name], "\(test.id)")
            #expect(test.runs == summary.runs, "\(test.id)")
            #expect(test.failedRuns == summary.errors + summary.failures, "\(test.id)")
            #expect(test.failureRate == Double(summary.errors + summary.failures) / Double(summary.runs))
            #expect(test.verdict == expectedVerdict[summary.result], "\(test.id): \(test.reason)")
            let byOutcome = Dictionary(grouping: test.signatures, by: \.outcome).mapValues { $0.map(\.count) }
            #expect(byOutcome[.errored, default: []] == (summary.errors > 0 ? [summary.errors] : []), "\(test.id)")
            #expect(byOutcome[.failed, default: []] == (summary.failures > 0 ? [summary.failures] : []), "\(test.id)")
            // Every run was one attempt, so nothing was retried within a run.
            #expect(test.reruns == 0 && test.retriedRuns == 0, "\(test.id)")
        }
    }

    @Test func theRarestFlakeHasAWideIntervalThatStillExcludesZero() throws {
        let report = TriageReport(history: TestHistory(runs: try Self.runs()), settings: HistorySettings())
        let rare = try #require(report.tests.first { $0.name == "testLoad" })
        // 1 in 4,000: the facts sheet's Wilson figure for 1 in 10,000 is [0.0018%, 0.057%]; here by the same formula.
        let interval = WilsonInterval(failures: 1, trials: 4000)
        #expect(rare.failureRateCI95 == [interval.lower, interval.upper])
        #expect(rare.failureRateCI95[0] > 0 && rare.failureRateCI95[1] < 0.0015)
        // One flip into the failure and one out of it, both inside one 5-run window (or across two).
        #expect(rare.fliprate.windows.reduce(0, +) > 0)
    }
}
