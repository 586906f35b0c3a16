import Foundation

/// Renders `junit.xml` in the Surefire dialect CI systems read: one `<testsuite name="chaos-run">`, one
/// `<testcase classname="<scenario>" name="<variant>">` per variant.
///
/// Mapping (the same as `ScenarioReport.passesCI`):
/// - stable: a plain passing test case;
/// - flaky, with a rerun policy that reaches the target (or failures already under it): a pass with one
///   `<flakyFailure>` per signature, so CI shows the test as flaky instead of hiding the failures;
/// - damaging, broken, `fix`, `quarantine`, or an unmet expectation: a `<failure>` naming the most severe signature,
///   with every signature's seeds and replay command in its text, plus a `<rerunFailure>` per transient signature.
///
/// A test case's `<system-out>` gives the verdict, the policy and the driver's figures.
public enum JUnitReport {
    public static func render(_ report: Report) -> String {
        let failures = report.scenarios.count { !$0.passesCI }
        let time = seconds(report.scenarios.reduce(0) { $0 + $1.wallSeconds })
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuite name="chaos-run" tests="\#(report.scenarios.count)" failures="\#(failures)" errors="0" "#
                + #"skipped="0" time="\#(time)">"#,
        ]
        for scenario in report.scenarios { lines += testCase(scenario) }
        lines.append("</testsuite>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func testCase(_ scenario: ScenarioReport) -> [String] {
        let open = "  <testcase classname=\"\(XMLEscaping.escape(scenario.name))\" "
            + "name=\"\(XMLEscaping.escape(scenario.variant))\" time=\"\(seconds(scenario.wallSeconds))\""
        if scenario.signatures.isEmpty && scenario.passesCI && scenario.figures == nil { return [open + "/>"] }
        var lines = [open + ">"]
        if scenario.passesCI {
            for signature in scenario.signatures {
                lines += rerunElement("flakyFailure", signature, in: scenario)
            }
        } else {
            lines.append(failure(scenario))
            for signature in scenario.signatures where signature.kind.mayBeRerun {
                lines += rerunElement("rerunFailure", signature, in: scenario)
            }
        }
        lines.append("    <system-out>\(XMLEscaping.escapeText(overview(scenario)))</system-out>")
        lines.append("  </testcase>")
        return lines
    }

    /// The `<failure>` of a variant CI must fail: the message says why, the type is the most severe signature.
    private static func failure(_ scenario: ScenarioReport) -> String {
        let type = scenario.signatures.first?.id ?? "expectation"
        var reasons = ["\(scenario.verdict.rawValue), \(scenario.policy.action.rawValue): \(scenario.policy.reason)"]
        if let expectation = scenario.expectation, !expectation.met {
            reasons.insert(
                "expected \(expectation.bounds); measured failure rate \(ReportFormat.percent(scenario.failureRate))",
                at: 0
            )
        }
        let text = scenario.signatures.map(describe).joined(separator: "\n")
        return "    <failure message=\"\(XMLEscaping.escape(reasons.joined(separator: "; ")))\" "
            + "type=\"\(XMLEscaping.escape(type))\">\(XMLEscaping.escapeText(text))</failure>"
    }

    /// A Surefire `<flakyFailure>` or `<rerunFailure>` for one signature, its seeds and replay command inside.
    private static func rerunElement(_ element: String, _ signature: SignatureSummary, in scenario: ScenarioReport)
        -> [String]
    {
        let message = "\(signature.summary) (\(signature.count) of \(scenario.runs) runs, first seed "
            + "\(signature.seeds[0]))"
        return [
            "    <\(element) message=\"\(XMLEscaping.escape(message))\" type=\"\(XMLEscaping.escape(signature.id))\">",
            "      <stackTrace>\(XMLEscaping.escapeText(describe(signature)))</stackTrace>",
            "      <system-out>\(XMLEscaping.escapeText("replay: " + signature.replay))</system-out>",
            "    </\(element)>",
        ]
    }

    private static func describe(_ signature: SignatureSummary) -> String {
        let seeds = signature.seeds.prefix(20).map(String.init).joined(separator: ", ")
            + (signature.seeds.count > 20 ? ", …" : "")
        return "\(signature.id) (\(signature.kind.rawValue), \(signature.count)×): \(signature.summary)\n"
            + "  seed: \(signature.seeds[0]); seeds: \(seeds)\n"
            + "  replay: \(signature.replay)"
    }

    private static func overview(_ scenario: ScenarioReport) -> String {
        var lines = [
            "verdict: \(scenario.verdict.rawValue); \(scenario.failed) of \(scenario.runs) runs failed "
                + "(\(ReportFormat.percent(scenario.failureRate)))",
            "policy: \(scenario.policy.action.rawValue): \(scenario.policy.reason)",
        ]
        if let marker = scenario.policy.pytestMarker { lines.append("marker: \(marker)") }
        if let ini = scenario.policy.pytestIni { lines.append("pytest.ini:\n\(ini)") }
        if let profile = scenario.policy.nextestProfile { lines.append("nextest profile:\n\(profile)") }
        if let validation = scenario.policyValidation { lines.append("validation: \(validation.summary)") }
        if let figures = scenario.figures { lines += ConsoleSummary.figureLines(figures, indent: "") }
        return lines.joined(separator: "\n")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}
