/// The sweep summary a runner prints to the console: per variant one line of numbers, the expectation, the policy
/// and its validation on held-out seeds,
/// the driver's figures, then the top signatures with their replay instructions.
public enum ConsoleSummary {
    /// How many labels of one counter a line shows before "… N more".
    static let labelsShownMax = 8

    public static func text(_ report: Report) -> String {
        var lines: [String] = []
        var lastScenario = ""
        for scenario in report.scenarios {
            if scenario.name != lastScenario {
                lines.append("\(scenario.name) (\(scenario.file))")
                lastScenario = scenario.name
            }
            let interval = scenario.failureRateCI95.map(ReportFormat.percent).joined(separator: ", ")
            var line = "  \(scenario.variant): \(scenario.failed)/\(scenario.runs) failed "
                + "(\(ReportFormat.percent(scenario.failureRate)), 95% CI [\(interval)]), \(scenario.verdict.rawValue)"
            if scenario.incomplete { line += ", INCOMPLETE (\(scenario.runs) of \(scenario.seeds) seeds)" }
            lines.append(line)
            if let expectation = scenario.expectation {
                lines.append("    expectation: \(expectation.bounds): \(expectation.met ? "met" : "NOT MET")")
            }
            lines.append("    policy: \(scenario.policy.action.rawValue): \(scenario.policy.reason)")
            if let marker = scenario.policy.pytestMarker { lines.append("    marker: \(marker)") }
            if scenario.policy.pytestIni != nil || scenario.policy.nextestProfile != nil {
                lines.append("    also as pytest.ini options and a nextest profile: see report.md or report.html")
            }
            if let validation = scenario.policyValidation { lines.append("    validation: \(validation.summary)") }
            if let figures = scenario.figures { lines += figureLines(figures, indent: "    ") }
            for signature in scenario.signatures.prefix(3) {
                lines.append("    \(signature.count)× [\(signature.kind.rawValue)] \(signature.summary)")
                lines.append("      replay: \(signature.replay)")
            }
            if scenario.signatures.count > 3 {
                lines.append("    … \(scenario.signatures.count - 3) more signature(s) in the report")
            }
        }
        lines.append(report.expectationsMet ? "Expectations met." : "Expectations NOT met.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per counter (`failures by reason: IPFSTimeout 1400, INVALID_JSON 339, …`), largest counts first, and
    /// one per distribution (`attempts per entry: n=40, mean 2.1, p50 1, p90 5, p99 9, max 12`), sorted by name.
    public static func figureLines(_ figures: FigureSummary, indent: String) -> [String] {
        var lines: [String] = []
        for figure in figures.counters.keys.sorted() {
            let ranked = figures.rankedCounts(figure)
            var text = ranked.prefix(labelsShownMax).map { "\($0.label) \($0.count)" }.joined(separator: ", ")
            if ranked.count > labelsShownMax { text += ", … \(ranked.count - labelsShownMax) more" }
            lines.append("\(indent)\(words(figure)): \(text)")
        }
        for figure in figures.distributions.keys.sorted() {
            guard let d = figures.distributions[figure] else { continue }
            let values = [("p50", d.p50), ("p90", d.p90), ("p99", d.p99), ("max", d.max)]
                .map { "\($0.0) \(ReportFormat.number($0.1))" }.joined(separator: ", ")
            lines.append("\(indent)\(words(figure)): n=\(d.count), mean \(ReportFormat.number(d.mean)), \(values)")
        }
        return lines
    }

    /// `failures_by_reason` → `failures by reason`.
    static func words(_ name: String) -> String {
        String(name.map { $0 == "_" ? " " : $0 })
    }
}
