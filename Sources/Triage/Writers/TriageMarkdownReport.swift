/// `report.md` of `chaos-run triage`: the counts, then tables of the flaky and broken tests with their rates,
/// intervals and policies, then the refused files. Meant for a PR comment, so long tables stop at a limit.
public enum TriageMarkdownReport {
    static let rowsMax = 100

    public static func render(_ report: TriageReport) -> String {
        let totals = report.totals
        var lines = [
            "# Triage of \(totals.runs) \(totals.runs == 1 ? "run" : "runs")", "",
            "\(totals.filesRead) files read, \(totals.filesRefused) refused, \(totals.tests) tests"
                + (report.timeOrdered ? " (runs in time order)." : " (runs in the order given)."), "",
            "| verdict | tests |", "| --- | --- |",
        ]
        lines += HistoryVerdict.allCases.map { "| \($0.label) | \(totals.verdicts[$0.rawValue] ?? 0) |" }
        for verdict in [HistoryVerdict.flaky, .broken] {
            let tests = report.tests(verdict)
            guard !tests.isEmpty else { continue }
            lines += ["", "## \(verdict.label.capitalized) tests", "",
                      "| test | failed runs | failure rate (95% CI) | fliprate | passed on retry | policy |",
                      "| --- | --- | --- | --- | --- | --- |"]
            for test in tests.prefix(rowsMax) {
                let interval = test.failureRateCI95.map(ReportFormat.percent).joined(separator: ", ")
                let retry = test.retriedRuns > 0 ? "\(test.passedOnRetryRuns) of \(test.retriedRuns)" : "no retries"
                let policy = test.policy.pytestMarker.map { "`\($0)`" } ?? test.policy.action.rawValue
                lines.append(
                    "| \(cell(test.id)) | \(test.failedRuns) of \(test.runs) | "
                        + "\(ReportFormat.percent(test.failureRate)) [\(interval)] | "
                        + "\(ReportFormat.number(test.fliprate.score)) | \(retry) | \(cell(policy)) |"
                )
            }
            if tests.count > rowsMax { lines += ["", "… and \(tests.count - rowsMax) more in report.json."] }
        }
        lines += exports(report.tests(.flaky))
        if !report.refused.isEmpty {
            lines += ["", "## Refused", ""] + report.refused.map { "- `\(cell($0.message))`" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The suite-wide forms of each rerun policy, which do not fit in a table cell.
    private static func exports(_ tests: [TriageTestReport]) -> [String] {
        let rerun = tests.filter { $0.policy.action == .rerun }
        guard !rerun.isEmpty else { return [] }
        var lines = ["", "## Rerun exports", ""]
        for test in rerun.prefix(rowsMax) {
            lines += ["### `\(test.id)`", ""] + PolicyExportMarkdown.lines(test.policy)
        }
        if rerun.count > rowsMax { lines += ["… and \(rerun.count - rowsMax) more in report.json."] }
        return lines
    }

    /// Text safe inside a table cell: pipes escaped, newlines flattened.
    private static func cell(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
