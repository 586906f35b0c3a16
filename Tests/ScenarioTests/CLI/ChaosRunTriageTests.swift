import Foundation
import Testing
import Triage

/// `chaos-run triage`, run as a user runs it: a separate process over JUnit files on disk.
@Suite("chaos-run triage", .serialized)
struct ChaosRunTriageTests {
    static func surefire(_ result: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="org.acme.FlakyTest" tests="2" errors="0" skipped="0" failures="0">
          <testcase name="testFlaky" classname="org.acme.FlakyTest" time="0.2">\(result)</testcase>
          <testcase name="testSolid" classname="org.acme.FlakyTest" time="0.1"/>
        </testsuite>
        """
    }

    @Test("two runs of one commit and a refused file: exit 1, the refusal with its line, the flaky test in report.json")
    func someFilesRefused() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let failed = try files.write("run1.xml", Self.surefire(
            #"<failure message="expected 3 but was 4" type="java.lang.AssertionError">at Flaky.java:12</failure>"#
        ))
        let passed = try files.write("run2.xml", Self.surefire(""))
        let truncated = try files.write("run3.xml", "<testsuite name=\"s\">\n  <testcase name=\"t\">\n")
        let reportDirectory = files.path("report")
        let output = try ChaosRunBinary.run(
            ["triage", failed, passed, truncated, "--commit", "abc123", "--report", reportDirectory]
        )
        #expect(output.status == 1, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("Read 2 files in 3 runs, refused 1: 2 tests."))
        #expect(output.standardOutput.contains("Verdicts: 1 flaky, 0 broken, 1 insufficient evidence, 0 stable."))
        #expect(output.standardOutput.contains("  \(truncated):3: expected"), "\(output.standardOutput)")
        let report = try TriageReport.decode(
            from: Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/report.json"))
        )
        #expect(report.totals.filesRefused == 1)
        #expect(report.refused.map(\.path) == [truncated])
        #expect(report.refused.first?.line == 3)
        let flaky = try #require(report.tests.first { $0.name == "testFlaky" })
        #expect(flaky.verdict == .flaky)
        #expect((flaky.runs, flaky.failedRuns, flaky.failureRate) == (2, 1, 0.5))
        #expect(flaky.sameCommitPassAndFail == ["abc123"])
        #expect(flaky.signatures.map(\.id) == ["failed:java.lang.AssertionError: expected <n> but was <n>"])
        let solid = try #require(report.tests.first { $0.name == "testSolid" })
        #expect(solid.verdict == .insufficientEvidence)
        #expect(solid.runsNeeded == 297)
        let written = try FileManager.default.contentsOfDirectory(atPath: reportDirectory).sorted()
        #expect(written == ["report.html", "report.json", "report.md"])
    }

    @Test("bad usage or nothing readable exits 2 with a clear message", arguments: [
        (["triage"], "Give at least one JUnit file or directory, or a runs manifest with --runs."),
        (["triage", "/nonexistent/run.xml"], "Error: no JUnit file could be read from the 1 runs given"),
        (["triage", "x.xml", "--timestamp", "yesterday"], "--timestamp must be ISO 8601 like 2024-05-01T12:00:00Z"),
        (["triage", "x.xml", "--commit", "two words"], "--commit must be one word (e.g. a SHA), got 'two words'."),
        (["triage", "--runs", "/nonexistent/runs.csv"], "/nonexistent/runs.csv: expected a readable runs manifest"),
    ])
    func badUsage(arguments: [String], message: String) throws {
        let output = try ChaosRunBinary.run(arguments)
        #expect(output.status == 2, "\(output.standardError)")
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }
}
