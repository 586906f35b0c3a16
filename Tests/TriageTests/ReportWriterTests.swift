import Foundation
import Testing
import Triage

@Suite("Report writer")
struct ReportWriterTests {
    private static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("triage-\(UUID().uuidString)").path
    }

    @Test("writes report.json, report.md, junit.xml and report.html into a new nested directory, no temporary files")
    func writesAllFour() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/nested/reports"
        let report = Report(sweeps: [Fixtures.flakySweep(), Fixtures.damagingSweep()])
        try ReportWriter.write(report, to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["junit.xml", "report.html", "report.json", "report.md"])
        let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/report.json"))
        #expect(json == (try report.jsonData()))
        #expect(try Report.decode(from: json) == report)
        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(markdown == MarkdownReport.render(report))
        let junit = try String(contentsOfFile: directory + "/junit.xml", encoding: .utf8)
        #expect(junit == JUnitReport.render(report))
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html == HTMLReport.render(report))
    }

    @Test("rewriting replaces every file whole and still leaves no temporary files")
    func overwrites() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ReportWriter.write(Report(sweeps: [Fixtures.damagingSweep()]), to: directory)
        let second = Report(sweeps: [Fixtures.stableSweep()])
        try ReportWriter.write(second, to: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            == ["junit.xml", "report.html", "report.json", "report.md"])
        let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/report.json"))
        #expect(try Report.decode(from: json) == second)
    }

    @Test("a directory that cannot be created is a clear error")
    func unwritableDirectory() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("a file".utf8).write(to: URL(fileURLWithPath: root))
        let error = #expect(throws: ReportWriterError.self) {
            try ReportWriter.write(Report(sweeps: []), to: root + "/reports")
        }
        #expect(error?.step == .createDirectory)
        #expect(error?.description.hasPrefix("cannot create directory \(root)/reports: ") == true)
    }

    @Test("a failed rename removes the temporary file")
    func failedRenameCleansUp() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A non-empty directory where report.json should go: rename(2) cannot replace it.
        try FileManager.default.createDirectory(atPath: directory + "/report.json/x", withIntermediateDirectories: true)
        let error = #expect(throws: ReportWriterError.self) {
            try ReportWriter.write(Report(sweeps: [Fixtures.stableSweep()]), to: directory)
        }
        #expect(error?.step == .rename)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"])
    }
}
