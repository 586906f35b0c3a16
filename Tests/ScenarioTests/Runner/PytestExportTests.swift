import Foundation
import Scenarios
import Testing
import Triage

/// The exported marker in the real tool: pytest with pytest-rerunfailures reruns a test that fails once with the
/// read timeout seed 000's CI showed (urllib3's ReadTimeoutError re-raised by requests as ConnectionError), and does
/// not rerun a test that fails with a damaging error, both decorated with the same marker.
@Suite("Exported policies in the real pytest", .enabled(if: Pytest.missing == nil, "\(Pytest.missing ?? "")"))
struct PytestExportTests {
    /// The policy ChaosNet derives for the shipped scenario's robust read timeout, with its `real_errors`. The delay
    /// is measured at 0 s only, so that the check does not sleep: the delay is not what is under test here.
    static func exportedPolicy() throws -> ScenarioReport.Policy {
        let path = ChaosRunBinary.packageRoot.appendingPathComponent("scenarios/ipfs-download-timeout.yaml").path
        var settings = try ScenarioLoader.load(path: path).rerun.settings
        settings.delaysSeconds = [0]
        let signature = SignatureSummary(
            id: "transient:service-manager:503:read_timeout", summary: "service creation answered 503",
            kind: .transient, count: 40, seeds: [3], replay: "chaos-run replay")
        // p = 2000 of 40,000 (5%), each failure rerun once at 0 s and none of the 2000 reruns failed: enough
        // evidence for the upper bounds to reach the target, so the policy is `rerun`.
        let evidence = RerunEvidence(
            failures: 2000, runs: 40_000, rerunFailureRates: [.init(delaySeconds: 0, failures: 0, trials: 2000)],
            runSeconds: 2)
        return ScenarioReport.Policy.derive(
            signatures: [signature], failed: 2000, runs: 40_000, evidence: evidence, settings: settings)
    }

    @Test("the marker reruns a real read timeout until it passes, and never a damaging failure")
    func markerReruns() throws {
        let policy = try Self.exportedPolicy()
        #expect(policy.action == .rerun)
        #expect(policy.onlyRerun == ["^ConnectionError: .*Read timed out", "^ReadTimeoutError: .*Read timed out"])
        let marker = try #require(policy.pytestMarker)
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.testFile(marker: marker).write(
            to: directory.appendingPathComponent("test_exported.py"), atomically: true, encoding: .utf8)
        let run = try Pytest.python(
            ["-m", "pytest", "-p", "rerunfailures", "-q", "-rR", "--junitxml=junit.xml", "test_exported.py"],
            in: directory)
        // 1: the damaging test fails, as it must.
        #expect(run.status == 1, "pytest exited \(run.status):\n\(run.output)")
        #expect(run.output.contains("1 failed, 1 passed, 1 rerun"), "\(run.output)")
        #expect(try Self.attempts("transient", in: directory) == 2)
        #expect(try Self.attempts("damaging", in: directory) == 1)
        let junit = try JUnitFileReader().read(path: directory.appendingPathComponent("junit.xml").path).get()
        let transient = try #require(junit.testCases(named: "test_read_timeout_once").first)
        #expect(transient.elementCount == 2, "rerunfailures ≥ 16.6.1 writes each attempt as a testcase")
        #expect(transient.finalOutcome == .passed)
        let damaging = try #require(junit.testCases(named: "test_partial_directory").first)
        #expect(damaging.attempts.map(\.outcome) == [.failed])
        #expect(damaging.attempts.first?.message?.contains("AssertionError") == true)
    }

    @Test("the pytest.ini form selects the same failures as the marker")
    func iniReruns() throws {
        let policy = try Self.exportedPolicy()
        let ini = try #require(policy.pytestIni)
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try (ini + "\n").write(to: directory.appendingPathComponent("pytest.ini"), atomically: true, encoding: .utf8)
        try Self.testFile(marker: "").write(
            to: directory.appendingPathComponent("test_exported.py"), atomically: true, encoding: .utf8)
        let run = try Pytest.python(["-m", "pytest", "-p", "rerunfailures", "-q", "test_exported.py"], in: directory)
        #expect(run.output.contains("1 failed, 1 passed, 1 rerun"), "\(run.output)")
        #expect(try Self.attempts("transient", in: directory) == 2)
        #expect(try Self.attempts("damaging", in: directory) == 1)
    }

    @Test("the old export, a signature id in only_rerun, reruns nothing: no real failure's text contains it")
    func signatureIDRerunsNothing() throws {
        let old = RerunPolicy(
            action: .rerun, reruns: 1, residualFailureRate: 0,
            onlyRerun: ["transient:service-manager:503:read_timeout"])
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.testFile(marker: try #require(old.pytestMarker)).write(
            to: directory.appendingPathComponent("test_exported.py"), atomically: true, encoding: .utf8)
        let run = try Pytest.python(["-m", "pytest", "-p", "rerunfailures", "-q", "test_exported.py"], in: directory)
        #expect(run.output.contains("2 failed in"), "\(run.output)")
        #expect(try Self.attempts("transient", in: directory) == 1)
    }

    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chaosnet-pytest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Attempts a test recorded in its counter file.
    static func attempts(_ name: String, in directory: URL) throws -> Int {
        let text = try String(contentsOf: directory.appendingPathComponent("attempts-\(name)"), encoding: .utf8)
        return Int(text) ?? -1
    }

    /// Two tests under `marker`: one fails on its first attempt the way seed 000's CI log shows, with urllib3's and
    /// requests' own exception types when they are installed (look-alikes of the same names otherwise), and passes
    /// on its second; one breaks an invariant every time.
    static func testFile(marker: String) -> String {
        """
        import pathlib
        import pytest

        try:
            from urllib3.exceptions import ReadTimeoutError
            from requests.exceptions import ConnectionError
            def read_timeout(pool):
                return ReadTimeoutError(pool, "/api/v0/get", "Read timed out.")
        except ImportError:
            class ReadTimeoutError(Exception):
                pass
            class ConnectionError(OSError):
                pass
            def read_timeout(pool):
                return ReadTimeoutError(f"{pool}: Read timed out.")

        POOL = "HTTPSConnectionPool(host='registry.autonolas.tech', port=443)"

        \(Pytest.attemptCounter)

        \(marker)
        def test_read_timeout_once():
            if attempt("transient") == 1:
                try:
                    raise read_timeout(POOL)
                except ReadTimeoutError:
                    raise ConnectionError(f"{POOL}: Read timed out.")

        \(marker)
        def test_partial_directory():
            attempt("damaging")
            assert False, "partial service directory left behind: services/sc-1"

        """
    }
}
