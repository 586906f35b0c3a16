import Triage

/// The sweep summary `run` prints: per variant one line of numbers and the policy, then its top signatures with
/// their replay commands.
enum SweepSummary {
    static func text(_ report: Report) -> String {
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
}
