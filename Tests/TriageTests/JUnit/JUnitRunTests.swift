import Foundation
import Testing
@testable import Triage

/// Runs: commit and time from a manifest, from explicit values, or from the files; bad manifest rows refused by line.
struct JUnitRunTests {
    @Test func timestampsWithOffsetsCompareAsInstants() throws {
        let pacific = try #require(RunTimestamp("2021-04-01T10:52:37.000-08:00"))
        let utc = try #require(RunTimestamp("2021-04-01T18:52:37Z"))
        #expect(pacific.secondsSinceEpoch == utc.secondsSinceEpoch)
        #expect(utc.secondsSinceEpoch == 1_617_303_157)
        #expect(try #require(RunTimestamp("1970-01-01T00:00:00.25Z")).secondsSinceEpoch == 0.25)
        #expect(RunTimestamp("2020-09-04T16:18:04.966371")?.hasZone == false)
        let spelledOut = RunTimestamp("2021-03-07T10:36:56 UTC")?.secondsSinceEpoch
        #expect(spelledOut == RunTimestamp("2021-03-07T10:36:56Z")?.secondsSinceEpoch)
        for bad in ["", "yesterday", "2021-13-01T00:00:00Z", "2021-04-01T10:52", "2021-04-01T10:52:37+8"] {
            #expect(RunTimestamp(bad) == nil, "\(bad)")
        }
    }

    @Test func goodManifestRowsAreKeptAndBadOnesRefusedByLine() throws {
        let text = """
            path,commit,timestamp,job
            run1,abc123,2024-05-01T12:00:00Z,unit
            "run 2",def456,2024-05-02T12:00:00Z,
            run3,abc123
            run4,,2024-05-01T12:00:00Z,x

            run5,abc123,May 1st,x
            run1,abc123,2024-05-01T12:00:00Z,again
            "run6,abc123,2024-05-01T12:00:00Z,x
            """
        let manifest = try RunManifest.parse(text, path: "runs.csv").get()
        #expect(manifest.rows.map(\.path) == ["run1", "run 2"])
        #expect(manifest.rows.map(\.job) == ["unit", nil])
        #expect(manifest.rows.map(\.line) == [2, 3])
        #expect(manifest.refusals.map(\.description) == [
            "runs.csv:4: expected 4 fields (path,commit,timestamp,job), found 2",
            "runs.csv:5: expected a commit (one word, e.g. a SHA) in the second field, found ''",
            "runs.csv:7: expected an ISO 8601 timestamp like 2024-05-01T12:00:00Z in the third field, found 'May 1st'",
            "runs.csv:8: expected each path once; run1 is on line 2",
            "runs.csv:9: expected a closing quote in this row",
        ])
    }

    @Test func aManifestWithoutTheHeaderIsRefusedOnLineOne() {
        guard case .failure(let error) = RunManifest.parse("run1,abc,2024-05-01T12:00:00Z\n", path: "runs.csv") else {
            Issue.record("a manifest without its header was accepted")
            return
        }
        #expect(
            error.description
                == "runs.csv:1: expected the header path,commit,timestamp[,job], found 'run1,abc,2024-05-01T12:00:00Z'"
        )
        #expect(throws: Never.self) { try RunManifest.parse("path,commit,timestamp\r\n", path: "r.csv").get() }
    }

    @Test func manifestRunsResolveTheirPathsNextToTheManifest() throws {
        let root = try JUnitTestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/r1", withIntermediateDirectories: true)
        try Data("<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>".utf8)
            .write(to: URL(fileURLWithPath: root + "/r1/a.xml"))
        try Data("path,commit,timestamp\nr1,abc,2024-05-01T12:00:00Z\nr2,def,2024-05-02T12:00:00Z\n".utf8)
            .write(to: URL(fileURLWithPath: root + "/runs.csv"))
        let manifest = try RunManifest.read(path: root + "/runs.csv").get()
        let runs = JUnitRunReader().runs(manifest: manifest)
        #expect(runs.map(\.commit) == ["abc", "def"])
        #expect(runs.map(\.commitSource) == [.manifest, .manifest])
        #expect(runs[0].result.files.map(\.path) == [root + "/r1/a.xml"])
        #expect(runs[1].result.refusals.map(\.description) == [root + "/r2: expected a file or directory"])
    }

    @Test func withoutAManifestTheFilesGiveTheTimeAndTheCommitAndExplicitValuesWin() throws {
        let path = JUnitTestFiles.fixtures + "/testng-pulsar-retry.xml"
        let fromFiles = JUnitRunReader().run(path: path)
        #expect(fromFiles.timestamp?.text == "2021-03-07T10:36:56 UTC")
        #expect(fromFiles.timestampSource == .fileAttributes)
        #expect(fromFiles.commit == nil)
        #expect(fromFiles.commitSource == .unknown)
        #expect(fromFiles.hostname == "fv-az96-723")
        let explicit = JUnitRunReader().run(path: path, commit: "f00d", timestamp: RunTimestamp("2024-01-01T00:00:00Z"))
        #expect(explicit.commit == "f00d")
        #expect(explicit.commitSource == .explicit)
        #expect(explicit.timestamp?.text == "2024-01-01T00:00:00Z")
        #expect(explicit.timestampSource == .explicit)
    }

    @Test func aCIVariableAmongTheSuitePropertiesGivesTheCommit() throws {
        let xml = """
            <testsuite name="s"><properties><property name="user.dir" value="/w"/>
            <property name="env.GITHUB_SHA" value="0123abcd"/></properties><testcase name="t"/></testsuite>
            """
        let file = try JUnitTestFiles.parse(xml)
        #expect(JUnitRunReader.commit(in: [file]) == "0123abcd")
    }
}
