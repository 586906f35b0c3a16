import Foundation
import Testing
import Triage

/// The whole loop with the real tools: pytest writes a CI history of JUnit files, `chaos-run triage` reads them and
/// exports a marker for the flaky test, and that marker in the real pytest with pytest-rerunfailures reruns a failure
/// of the type the history showed and not one of another type.
///
/// The history's retries are CI's own: each run is `pytest`, then `pytest --lf` when something failed, the two JUnit
/// files merged into one as `junitparser merge` does (every `<testsuite>` under one `<testsuites>`). It cannot come
/// from pytest-rerunfailures itself: since 16.6.1 its JUnit writes a rerun attempt without its failure, which
/// triage reads as unknown, so no history of it shows a failure that a rerun fixed.
@Suite(
    "Triage exports in the real pytest", .serialized,
    .enabled(if: Pytest.missing == nil, "\(Pytest.missing ?? "")"))
struct TriageExportPytestTests {
    static let runs = 8

    /// In odd runs `test_flaky` fails its first attempt with Python's ConnectionError, and passes when retried.
    static let historyFile = """
        import os
        import pathlib

        def first_attempt(name):
            counter = pathlib.Path(__file__).with_name(f"attempts-{name}-{os.environ['RUN']}")
            count = int(counter.read_text()) if counter.exists() else 0
            counter.write_text(str(count + 1))
            return count == 0

        def test_flaky():
            if int(os.environ["RUN"]) % 2 == 1 and first_attempt("flaky"):
                raise ConnectionError("HTTPSConnectionPool(host='registry', port=443): Read timed out.")

        def test_solid():
            pass

        """

    /// `merge.py OUT IN…`: what `junitparser merge` writes.
    static let mergeScript = """
        import sys
        import xml.etree.ElementTree as ET

        merged = ET.Element("testsuites", name="pytest tests")
        for path in sys.argv[2:]:
            merged.extend(ET.parse(path).getroot().iter("testsuite"))
        ET.ElementTree(merged).write(sys.argv[1], encoding="utf-8", xml_declaration=True)

        """

    /// Two tests under the exported marker: one fails once with the history's error type, one with another.
    static func checkFile(marker: String) -> String {
        """
        import pathlib
        import pytest

        \(Pytest.attemptCounter)

        \(marker)
        def test_connection_error_once():
            if attempt("same-type") == 1:
                raise ConnectionError("HTTPSConnectionPool(host='registry', port=443): Read timed out.")

        \(marker)
        def test_assertion_once():
            if attempt("other-type") == 1:
                assert False, "partial service directory left behind"

        """
    }

    @Test("a marker triaged from pytest's own JUnit reruns the history's error type and nothing else")
    func triagedMarkerInPytest() throws {
        let directory = try PytestExportTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        try Self.historyFile.write(
            to: history.appendingPathComponent("test_history.py"), atomically: true, encoding: .utf8)
        try Self.mergeScript.write(
            to: history.appendingPathComponent("merge.py"), atomically: true, encoding: .utf8)
        var files: [String] = []
        for run in 1...Self.runs {
            let name = String(format: "run-%02d", run)
            // Each run keeps its own cache, so that --lf reruns what failed in this run.
            let pytest = ["-m", "pytest", "-q", "-o", "cache_dir=.cache-\(name)", "test_history.py"]
            let environment = ["RUN": String(run)]
            let first = try Pytest.python(pytest + ["--junitxml=\(name)-1.xml"], in: history, environment: environment)
            var attempts = ["\(name)-1.xml"]
            if first.status != 0 {
                let retry = try Pytest.python(
                    pytest + ["--lf", "--junitxml=\(name)-2.xml"], in: history, environment: environment)
                #expect(retry.status == 0, "run \(run): the retry failed:\n\(retry.output)")
                attempts.append("\(name)-2.xml")
            }
            #expect((first.status != 0) == (run % 2 == 1), "run \(run):\n\(first.output)")
            let merge = try Pytest.python(["merge.py", "\(name).xml"] + attempts, in: history)
            #expect(merge.status == 0, "\(merge.output)")
            files.append(history.appendingPathComponent("\(name).xml").path)
        }
        let reportDirectory = directory.appendingPathComponent("triage").path
        let triage = try ChaosRunBinary.run(
            ["triage"] + files + ["--commit", "abc123", "--target", "30%", "--report", reportDirectory, "--quiet"])
        #expect(triage.status == 0, "\(triage.standardOutput)\(triage.standardError)")
        let report = try TriageReport.decode(
            from: Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/report.json")))
        let flaky = try #require(report.tests.first { $0.name == "test_flaky" })
        #expect(flaky.verdict == .flaky, "\(flaky.reason)")
        #expect(flaky.failedRuns == Self.runs / 2)
        #expect(flaky.reruns == Self.runs / 2 && flaky.rerunFailures == 0)
        #expect(flaky.policy.action == .rerun, "\(flaky.policy.reason)")
        #expect(flaky.policy.onlyRerun == ["^ConnectionError:"])
        let marker = try #require(flaky.policy.pytestMarker)

        let check = directory.appendingPathComponent("check")
        try FileManager.default.createDirectory(at: check, withIntermediateDirectories: true)
        try Self.checkFile(marker: marker).write(
            to: check.appendingPathComponent("test_check.py"), atomically: true, encoding: .utf8)
        let run = try Pytest.python(["-m", "pytest", "-p", "rerunfailures", "-q", "test_check.py"], in: check)
        #expect(run.status == 1, "pytest exited \(run.status):\n\(run.output)")
        #expect(run.output.contains("1 failed, 1 passed, 1 rerun"), "\(run.output)")
        #expect(try PytestExportTests.attempts("same-type", in: check) == 2)
        #expect(try PytestExportTests.attempts("other-type", in: check) == 1)
    }
}
