/// What `chaos-run triage` prints: the counts, the verdicts, the flaky and broken tests with their rates and
/// intervals, and every refused file with its location. Long lists stop after a limit and point to report.json.
public enum TriageConsoleSummary {
    /// Tests listed per verdict before "… N more".
    static let testsShownMax = 20

    public static func text(_ report: TriageReport) -> String {
        let totals = report.totals
        var lines = [
            "Read \(totals.filesRead) files in \(totals.runs) \(totals.runs == 1 ? "run" : "runs")"
                + (totals.filesRefused > 0 ? ", refused \(totals.filesRefused)" : "") + ": \(totals.tests) tests.",
            "Verdicts: " + HistoryVerdict.allCases.map { "\(totals.verdicts[$0.rawValue] ?? 0) \($0.label)" }
                .joined(separator: ", ") + ".",
        ]
        for verdict in [HistoryVerdict.flaky, .broken] {
            let tests = report.tests(verdict)
            guard !tests.isEmpty else { continue }
            lines.append("\(verdict.label.capitalized) tests (most failing first):")
            for test in tests.prefix(testsShownMax) { lines += testLines(test) }
            if tests.count > testsShownMax { lines.append("  … \(tests.count - testsShownMax) more in report.json") }
        }
        let undecided = report.tests(.insufficientEvidence).compactMap(\.runsNeeded)
        if let fewest = undecided.min(), let most = undecided.max() {
            lines.append("Insufficient evidence: \(undecided.count) tests need \(fewest) to \(most) more runs "
                + "to be decided (see each test's reason in report.json).")
        }
        if !report.refused.isEmpty {
            lines.append("Refused:")
            lines += report.refused.map { "  " + $0.message }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One test: its rate with the interval, fliprate, retries, reason and policy.
    static func testLines(_ test: TriageTestReport) -> [String] {
        let interval = test.failureRateCI95.map(ReportFormat.percent).joined(separator: ", ")
        var numbers = "failed \(test.failedRuns) of \(test.runs) runs (\(ReportFormat.percent(test.failureRate)), "
            + "95% CI [\(interval)]), fliprate \(ReportFormat.number(test.fliprate.score))"
        if test.retriedRuns > 0 {
            numbers += ", passed on retry in \(test.passedOnRetryRuns) of \(test.retriedRuns) retried runs"
        }
        var lines = ["  \(test.id)", "    \(numbers)", "    \(test.verdict.label): \(test.reason)"]
        for signature in test.signatures.prefix(3) {
            lines.append("    \(signature.count)× \(signature.id)")
        }
        lines.append("    policy: \(test.policy.action.rawValue): \(test.policy.reason)")
        if let marker = test.policy.pytestMarker { lines.append("    marker: \(marker)") }
        return lines
    }
}
