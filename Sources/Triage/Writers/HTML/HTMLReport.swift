/// Renders `report.html` for a sweep: per variant, the failure rate with its 95% interval (a chart over every
/// variant), the outcome of each seed on a strip, the signatures with their replay commands, the rerun policy and the
/// rerun evidence it rests on (q(d) per delay, with intervals). Self-contained: inline SVG drawn here, inline CSS,
/// no script (`HTMLPage`).
public enum HTMLReport {
    public static func render(_ report: Report) -> String {
        var body = ["<h1>\(HTMLEscaping.text(report.tool)) report</h1>"]
        if report.incomplete {
            body.append("<p class=\"unmet\">Incomplete: the sweep was interrupted before all seeds finished.</p>")
        }
        body.append(report.expectationsMet
            ? "<p class=\"met\">Expectations met.</p>" : "<p class=\"unmet\">Expectations not met.</p>")
        body.append(SVGIntervalChart(rows: report.scenarios.map(rateRow)).render())
        body += summaryTable(report.scenarios)
        for scenario in report.scenarios { body += section(scenario) }
        return HTMLPage.render(title: "\(report.tool) report", body: body)
    }

    private static func rateRow(_ scenario: ScenarioReport) -> SVGIntervalChart.Row {
        SVGIntervalChart.Row(
            label: "\(scenario.name) · \(scenario.variant)", rate: scenario.failureRate,
            interval: scenario.failureRateCI95, styleClass: "verdict-\(scenario.verdict.rawValue)")
    }

    private static func summaryTable(_ scenarios: [ScenarioReport]) -> [String] {
        var rows = ["<table>", "<tr><th>Scenario</th><th>Variant</th><th>Runs</th><th>Failure rate (95% CI)</th>"
            + "<th>Verdict</th><th>Action</th></tr>"]
        for scenario in scenarios {
            let cells = [
                scenario.name, scenario.variant, "\(scenario.runs)", rateText(scenario), scenario.verdict.rawValue,
                scenario.policy.action.rawValue,
            ].map { "<td>\(HTMLEscaping.text($0))</td>" }
            rows.append("<tr>" + cells.joined() + "</tr>")
        }
        rows.append("</table>")
        return rows
    }

    private static func section(_ scenario: ScenarioReport) -> [String] {
        var lines = ["<h2>\(HTMLEscaping.text("\(scenario.name) · \(scenario.variant)"))</h2>"]
        if !scenario.description.isEmpty { lines.append("<p>\(HTMLEscaping.text(scenario.description))</p>") }
        lines.append("<p>Verdict <strong>\(scenario.verdict.rawValue)</strong>: \(scenario.failed) of "
            + "\(scenario.runs) runs failed, \(HTMLEscaping.text(rateText(scenario))).</p>")
        if let expectation = scenario.expectation {
            let outcome = expectation.met ? "<span class=\"met\">met</span>" : "<span class=\"unmet\">not met</span>"
            lines.append("<p>Expectation: \(HTMLEscaping.text(expectation.bounds)): \(outcome).</p>")
        }
        lines.append("<h3>Outcome of each seed</h3>")
        lines.append(SVGOutcomeStrip(cells: outcomeCells(scenario)).render())
        lines.append(HTMLPage.outcomeLegend)
        if scenario.incomplete {
            lines.append("<p>The sweep was interrupted: grey seeds passed or did not run.</p>")
        }
        guard !scenario.signatures.isEmpty else { return lines }
        lines += signatureTable(scenario.signatures)
        lines += policy(scenario)
        return lines
    }

    /// One cell per requested seed: a failure's kind, `pass`, or (in an interrupted sweep) `unknown`.
    public static func outcomeCells(_ scenario: ScenarioReport) -> [SVGOutcomeStrip.Cell] {
        var kinds: [UInt64: FailureKind] = [:]
        for signature in scenario.signatures {
            for seed in signature.seeds { kinds[seed] = max(kinds[seed] ?? signature.kind, signature.kind) }
        }
        let quiet = scenario.incomplete ? "unknown" : "pass"
        return (0..<UInt64(max(0, scenario.seeds))).map { offset in
            let seed = scenario.firstSeed + offset
            return SVGOutcomeStrip.Cell(label: "seed \(seed)", outcome: kinds[seed]?.rawValue ?? quiet)
        }
    }

    private static func signatureTable(_ signatures: [SignatureSummary]) -> [String] {
        var rows = ["<h3>Signatures</h3>", "<table>",
                    "<tr><th>Signature</th><th>Kind</th><th>Count</th><th>Summary</th><th>Replay</th></tr>"]
        for signature in signatures {
            rows.append("<tr><td><code>\(HTMLEscaping.text(signature.id))</code></td>"
                + "<td>\(signature.kind.rawValue)</td><td class=\"num\">\(signature.count)</td>"
                + "<td>\(HTMLEscaping.text(signature.summary))</td>"
                + "<td><code>\(HTMLEscaping.text(signature.replay))</code></td></tr>")
        }
        rows.append("</table>")
        return rows
    }

    private static func policy(_ scenario: ScenarioReport) -> [String] {
        let policy = scenario.policy
        var lines = ["<h3>Rerun policy</h3>",
                     "<p><strong>\(policy.action.rawValue)</strong>: \(HTMLEscaping.text(policy.reason)).</p>"]
        if let marker = policy.pytestMarker { lines.append("<p>Marker: <code>\(HTMLEscaping.text(marker))</code></p>") }
        if let ini = policy.pytestIni {
            lines.append("<p>pytest.ini (applies to every test of the suite):</p>")
            lines.append("<pre>\(HTMLEscaping.text(ini))</pre>")
        }
        if let profile = policy.nextestProfile {
            lines.append("<p>nextest profile (<code>.config/nextest.toml</code>; nextest reruns every failure):</p>")
            lines.append("<pre>\(HTMLEscaping.text(profile))</pre>")
        }
        if let validation = scenario.policyValidation { lines += self.validation(validation) }
        guard let evidence = scenario.rerunEvidence, !evidence.candidates.isEmpty else { return lines }
        lines.append("<p>Evidence: reruns in the same world, q(d) per delay d, with 95% intervals "
            + "(p = \(ReportFormat.percent(evidence.failureRate))).</p>")
        let rows = evidence.candidates.map { candidate in
            // Clamped: a report read back from disk may hold rates that do not match its trial counts exactly.
            let trials = max(0, candidate.trials)
            let failures = min(trials, max(0, Int((candidate.failureRate * Double(trials)).rounded())))
            let interval = WilsonInterval(failures: failures, trials: trials)
            return SVGIntervalChart.Row(
                label: "rerun after \(ReportFormat.seconds(candidate.delaySeconds)) (\(candidate.trials) trials)",
                rate: candidate.failureRate, lower: interval.lower, upper: interval.upper, styleClass: "verdict-rerun")
        }
        lines.append(SVGIntervalChart(rows: rows).render())
        return lines
    }

    /// The residual the policy left on held-out seeds beside the one predicted, both with their intervals.
    private static func validation(_ validation: PolicyValidation) -> [String] {
        let rows = [
            SVGIntervalChart.Row(
                label: "predicted", rate: validation.predictedResidual, interval: validation.predictedResidualCI95,
                styleClass: "verdict-rerun"),
            SVGIntervalChart.Row(
                label: "observed on \(validation.seeds) held-out seeds", rate: validation.observedResidual,
                interval: validation.observedResidualCI95,
                styleClass: validation.agreement == .worseThanPredicted ? "verdict-damaging" : "verdict-stable"),
        ]
        return ["<p>Validation: \(HTMLEscaping.text(validation.summary)).</p>", SVGIntervalChart(rows: rows).render()]
    }

    private static func rateText(_ scenario: ScenarioReport) -> String {
        "\(ReportFormat.percent(scenario.failureRate)) (95% CI \(ReportFormat.percentRange(scenario.failureRateCI95)))"
    }
}
