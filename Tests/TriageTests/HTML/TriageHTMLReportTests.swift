import Foundation
import Testing
@testable import Triage

/// report.html of `chaos-run triage`, over the real repeated-run data set (`RepeatedRunDataSetTests`).
@Suite("Triage HTML report")
struct TriageHTMLReportTests {
    static func report() throws -> TriageReport {
        TriageReport(history: TestHistory(runs: try RepeatedRunDataSetTests.runs()), settings: HistorySettings())
    }

    @Test("each test's strip has one cell per execution, its failures where the runs failed")
    func timelines() throws {
        let report = try Self.report()
        #expect(!report.tests.isEmpty)
        for test in report.tests {
            let cells = TriageHTMLReport.outcomeCells(test)
            #expect(cells.count == test.runs, "\(test.id)")
            // One attempt per run in this data set: every failed run is a failed cell, and nothing passed on retry.
            #expect(cells.count { $0.outcome == "failed" } == test.failedRuns, "\(test.id)")
            #expect(cells.count { $0.outcome == "retried" } == test.passedOnRetryRuns, "\(test.id)")
        }
    }

    @Test("the page charts the flaky and broken tests and gives each a section; text is escaped")
    func page() throws {
        let report = try Self.report()
        let html = TriageHTMLReport.render(report)
        let charted = report.tests(.flaky).count + report.tests(.broken).count
        #expect(charted > 0)
        #expect(html.components(separatedBy: "<rect class=\"bar verdict-").count - 1 == charted)
        #expect(html.components(separatedBy: "class=\"chart outcome-strip\"").count - 1 == charted)
        #expect(!html.contains("<script") && !html.contains("src=\""))
        for test in report.tests(.flaky) { #expect(html.contains(HTMLEscaping.text(test.id))) }
    }
}
