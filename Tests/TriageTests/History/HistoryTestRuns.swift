import Foundation
import Testing
@testable import Triage

/// Builds CI runs for history tests from JUnit text, parsed by the real reader, so the statistics are checked on
/// what a file actually yields.
enum HistoryTestRuns {
    /// A run of one file holding `testcases` (the inner XML of one suite).
    static func run(
        _ testcases: String, path: String, commit: String? = nil, timestamp: String? = nil
    ) throws -> JUnitRun {
        let text = "<testsuite name=\"S\" tests=\"1\">\(testcases)</testsuite>"
        let file = try JUnitFileReader().read(bytes: Array(text.utf8), path: path).get()
        return JUnitRun(
            path: path, commit: commit, commitSource: commit == nil ? .unknown : .explicit,
            timestamp: timestamp.flatMap(RunTimestamp.init), timestampSource: timestamp == nil ? .unknown : .explicit,
            result: JUnitReadResult(files: [file])
        )
    }

    static let passing = #"<testcase classname="C" name="t" time="1"/>"#

    static func failing(
        _ message: String = "expected 3 but was 4", type: String = "java.lang.AssertionError"
    ) -> String {
        #"<testcase classname="C" name="t" time="1"><failure message="\#(message)" type="\#(type)"/></testcase>"#
    }

    /// Surefire's flaky shape: a failed attempt, then the pass.
    static let passedOnRetry = #"""
        <testcase classname="C" name="t" time="1"><flakyFailure message="expected 3 but was 4" \#
        type="java.lang.AssertionError"><stackTrace>at C.t</stackTrace></flakyFailure></testcase>
        """#

    /// The one test of `runs`, with default settings.
    static func statistics(_ runs: [JUnitRun], settings: HistorySettings = HistorySettings()) throws -> TestStatistics {
        let history = TestHistory(runs: runs)
        let test = try #require(history.tests.first)
        #expect(history.tests.count == 1)
        return TestStatistics(
            identity: test.identity, executions: test.executions, anyCommitKnown: history.anyCommitKnown,
            settings: settings
        )
    }
}
