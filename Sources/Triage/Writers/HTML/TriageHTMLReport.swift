/// Renders `report.html` of `chaos-run triage`: the counts, the failure rate of every flaky and broken test with its
/// 95% interval (one chart), then per test its outcome in each run on a strip, its signatures and its rerun policy,
/// and the refused files. Self-contained like the sweep's page (`HTMLPage`).
public enum TriageHTMLReport {
    /// Tests drawn in the chart and given a section; the rest are counted, and all are in report.json.
    static let testsShown = 50

    public static func render(_ report: TriageReport) -> String {
        let totals = report.totals
        var body = [
            "<h1>Triage of \(totals.runs) \(totals.runs == 1 ? "run" : "runs")</h1>",
            "<p>\(totals.filesRead) files read, \(totals.filesRefused) refused, \(totals.tests) tests; runs "
                + (report.timeOrdered ? "in time order" : "in the order given") + ".</p>",
        ]
        body += verdictTable(totals)
        let shown = Array((report.tests(.flaky) + report.tests(.broken)).prefix(testsShown))
        if !shown.isEmpty {
            body.append("<h2>Failure rate of the flaky and broken tests</h2>")
            body.append(SVGIntervalChart(rows: shown.map(rateRow)).render())
            let hidden = report.tests(.flaky).count + report.tests(.broken).count - shown.count
            if hidden > 0 { body.append("<p>… and \(hidden) more in report.json.</p>") }
            for test in shown { body += section(test) }
        }
        if !report.refused.isEmpty {
            body.append("<h2>Refused files</h2>")
            body.append("<ul>" + report.refused.map { "<li><code>\(HTMLEscaping.text($0.message))</code></li>" }
                .joined() + "</ul>")
        }
        return HTMLPage.render(title: "chaos-run triage report", body: body)
    }

    private static func verdictTable(_ totals: TriageReport.Totals) -> [String] {
        ["<table>", "<tr><th>Verdict</th><th>Tests</th></tr>"]
            + HistoryVerdict.allCases.map {
                "<tr><td>\($0.label)</td><td class=\"num\">\(totals.verdicts[$0.rawValue] ?? 0)</td></tr>"
            }
            + ["</table>"]
    }

    private static func rateRow(_ test: TriageTestReport) -> SVGIntervalChart.Row {
        SVGIntervalChart.Row(label: test.id, rate: test.failureRate, interval: test.failureRateCI95,
                             styleClass: "verdict-\(test.verdict.rawValue)")
    }

    private static func section(_ test: TriageTestReport) -> [String] {
        var lines = [
            "<h2>\(HTMLEscaping.text(test.id))</h2>",
            "<p>Verdict <strong>\(test.verdict.label)</strong>: \(HTMLEscaping.text(test.reason)). Failed in "
                + "\(test.failedRuns) of \(test.runs) runs, \(ReportFormat.percent(test.failureRate)) "
                + "(95% CI \(ReportFormat.percentRange(test.failureRateCI95))); "
                + "fliprate \(ReportFormat.number(test.fliprate.score))"
                + (test.retriedRuns > 0 ? "; passed on retry in \(test.passedOnRetryRuns) of \(test.retriedRuns)" : "")
                + ".</p>",
            "<h3>Outcome in each run</h3>",
            SVGOutcomeStrip(cells: outcomeCells(test)).render(),
            HTMLPage.executionLegend,
        ]
        if !test.signatures.isEmpty {
            lines += ["<h3>Signatures</h3>", "<table>", "<tr><th>Type</th><th>Message</th><th>Count</th></tr>"]
            for signature in test.signatures {
                lines.append("<tr><td><code>\(HTMLEscaping.text(signature.type))</code></td>"
                    + "<td>\(HTMLEscaping.text(signature.message))</td><td class=\"num\">\(signature.count)</td></tr>")
            }
            lines.append("</table>")
        }
        lines.append("<p>Policy <strong>\(test.policy.action.rawValue)</strong>: "
            + "\(HTMLEscaping.text(test.policy.reason)).</p>")
        if let marker = test.policy.pytestMarker {
            lines.append("<p>Marker: <code>\(HTMLEscaping.text(marker))</code></p>")
        }
        return lines
    }

    /// One cell per execution, in run order: `pass`, `retried` (passed after failing), `failed`, `skipped`.
    public static func outcomeCells(_ test: TriageTestReport) -> [SVGOutcomeStrip.Cell] {
        test.timeline.enumerated().map { index, letter in
            let outcome = switch letter {
            case "P": "pass"
            case "R": "retried"
            case "F": "failed"
            default: "skipped"
            }
            return SVGOutcomeStrip.Cell(label: "execution \(index + 1)", outcome: outcome)
        }
    }
}
