/// Renders `report.md`: the summary a person reads in a PR comment. A table first (one row per variant), then for
/// each variant the policy and why, the top signatures with replay commands, and how the blind guess would compare.
public enum MarkdownReport {
    /// Signatures listed per variant; the rest are counted, and all of them are in report.json.
    public static let signaturesShown = 5

    public static func render(_ report: Report) -> String {
        var lines = ["# \(report.tool) report", ""]
        if report.incomplete {
            lines += ["**Incomplete:** the sweep was interrupted before all seeds finished.", ""]
        }
        lines.append(report.expectationsMet ? "Expectations met." : "**Expectations not met.**")
        lines.append("")
        lines += table(report.scenarios)
        for scenario in report.scenarios {
            lines.append("")
            lines += section(scenario)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func table(_ scenarios: [ScenarioReport]) -> [String] {
        var lines = [
            "| Scenario | Variant | Runs | Failure rate (95% CI) | Verdict | Action |",
            "| --- | --- | ---: | --- | --- | --- |",
        ]
        for scenario in scenarios {
            let runs = scenario.runs == scenario.seeds ? "\(scenario.runs)" : "\(scenario.runs) of \(scenario.seeds)"
            let cells = [
                cell(scenario.name), cell(scenario.variant), runs, rateWithInterval(scenario),
                scenario.verdict.rawValue, scenario.policy.action.rawValue,
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    private static func section(_ scenario: ScenarioReport) -> [String] {
        var lines = ["## \(scenario.name) · \(scenario.variant)", ""]
        if !scenario.description.isEmpty { lines += [scenario.description, ""] }
        if scenario.incomplete {
            lines.append("- **Incomplete:** \(scenario.runs) of \(scenario.seeds) seeds finished.")
        }
        lines.append("- Verdict: **\(scenario.verdict.rawValue)**, \(scenario.failed) of \(scenario.runs) runs failed "
            + "(\(ReportFormat.percent(scenario.failureRate)), 95% CI \(interval(scenario))).")
        if let expectation = scenario.expectation {
            let outcome = expectation.met ? "met" : "**not met**"
            lines.append("- Expectation: \(expectation.bounds): \(outcome).")
        }
        if let figures = scenario.figures { lines += figureTables(figures) }
        guard !scenario.signatures.isEmpty else { return lines }
        let policy = scenario.policy
        lines.append("- Policy: **\(policy.action.rawValue)**: \(policy.reason).")
        if let marker = policy.pytestMarker { lines.append("- Marker: \(code(marker))") }
        lines += PolicyExportMarkdown.lines(policy)
        if let validation = scenario.policyValidation { lines += validationLines(validation) }
        if !policy.neverRerun.isEmpty {
            lines.append("- Never rerun: " + policy.neverRerun.map(code).joined(separator: ", "))
        }
        lines.append("- " + blindComparison(scenario.blindPolicy, target: policy.target))
        lines += ["", "Top signatures:", ""]
        for (index, signature) in scenario.signatures.prefix(signaturesShown).enumerated() {
            lines.append("\(index + 1). \(code(signature.id)) (\(signature.kind.rawValue), \(signature.count)×): "
                + "\(signature.summary); seeds \(seedList(signature.seeds))")
            lines.append("   replay: \(code(signature.replay))")
        }
        let hidden = scenario.signatures.count - signaturesShown
        if hidden > 0 { lines += ["", "… and \(hidden) more in report.json."] }
        return lines
    }

    /// The driver's figures: one table per counter, largest count first, and one table of the distributions.
    private static func figureTables(_ figures: FigureSummary) -> [String] {
        var lines: [String] = []
        for figure in figures.counters.keys.sorted() {
            lines += ["", "| \(cell(ConsoleSummary.words(figure))) | count |", "| --- | ---: |"]
            for (label, count) in figures.rankedCounts(figure) { lines.append("| \(cell(label)) | \(count) |") }
        }
        if !figures.distributions.isEmpty {
            lines += [
                "", "| distribution | n | mean | p50 | p90 | p99 | max |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for figure in figures.distributions.keys.sorted() {
                guard let d = figures.distributions[figure] else { continue }
                let values = [d.mean, d.p50, d.p90, d.p99, d.max].map(ReportFormat.number)
                let name = cell(ConsoleSummary.words(figure))
                lines.append("| \(name) | \(d.count) | " + values.joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    /// "Blind `@pytest.mark.flaky(reruns=2, reruns_delay=5)` would leave 2.5% (25× the target 0.1%) …".
    /// The held-out check of the policy, and what independent reruns would have predicted from the same seeds.
    private static func validationLines(_ validation: PolicyValidation) -> [String] {
        var lines = ["- Validation: \(validation.summary)."]
        if validation.reruns > 0, validation.firstRunFailures > 0 {
            let chain = validation.chain.map {
                "q\($0.rerun) = \(ReportFormat.percent($0.failureRate)) (\($0.failures) of \($0.trials))"
            }.joined(separator: ", ")
            lines.append("  Held-out reruns: \(chain); independent reruns would predict "
                + "\(ReportFormat.percent(validation.independentResidual)) from them.")
        }
        return lines
    }

    private static func blindComparison(_ blind: ScenarioReport.BlindPolicy, target: Double) -> String {
        let residual = blind.residualFailureRate
        let comparison = residual <= target
            ? "within the target \(ReportFormat.percent(target))"
            : "\(ReportFormat.number(residual / target))× the target \(ReportFormat.percent(target))"
        let damage = blind.hidesDamage
            ? ", and would hide damage: it reruns every failure, including those that must never be rerun"
            : ", and would hide no damage"
        return "Blind \(code(blind.pytestMarker)) would leave \(ReportFormat.percent(residual)) (\(comparison)) "
            + "at \(ReportFormat.seconds(blind.expectedCostSeconds)) per run\(damage)."
    }

    /// "6.8% (5.4%–8.5%)": the rate with its Wilson 95% interval.
    private static func rateWithInterval(_ scenario: ScenarioReport) -> String {
        ReportFormat.percent(scenario.failureRate) + " (\(interval(scenario)))"
    }

    private static func interval(_ scenario: ScenarioReport) -> String {
        ReportFormat.percentRange(scenario.failureRateCI95)
    }

    private static func seedList(_ seeds: [UInt64]) -> String {
        let shown = seeds.prefix(10).map(String.init).joined(separator: ", ")
        return seeds.count > 10 ? shown + ", …" : shown
    }

    /// A code span that survives backticks in its text (a longer fence, padded with spaces).
    static func code(_ text: String) -> String {
        let flat = text.replacingAll("\n", with: " ")
        guard flat.contains("`") else { return "`" + flat + "`" }
        var fence = "``"
        while flat.contains(fence) { fence += "`" }
        return fence + " " + flat + " " + fence
    }

    /// Text safe inside a table cell: pipes escaped, line breaks flattened.
    private static func cell(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
