import Foundation
import Testing
import Triage

@Suite("HTML report")
struct HTMLReportTests {
    static let report = Report(sweeps: [Fixtures.flakySweep(), Fixtures.damagingSweep(), Fixtures.stableSweep()])
    static let html = HTMLReport.render(report)

    @Test("self-contained: a CSP that forbids every fetch, no script, no external reference")
    func selfContained() {
        #expect(Self.html.hasPrefix("<!DOCTYPE html>"))
        #expect(Self.html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(!Self.html.contains("<script"))
        #expect(!Self.html.contains("src=\""))
        #expect(!Self.html.contains("href=\""))
    }

    @Test("one interval chart over the variants, one outcome strip per variant, one q(d) chart per measured policy")
    func charts() {
        #expect(Self.html.components(separatedBy: "class=\"chart interval-chart\"").count - 1 == 2)
        #expect(Self.html.components(separatedBy: "class=\"chart outcome-strip\"").count - 1 == 3)
        // The rates chart has a bar per variant, coloured by verdict.
        #expect(Self.html.contains("<rect class=\"bar verdict-flaky\""))
        #expect(Self.html.contains("<rect class=\"bar verdict-damaging\""))
        #expect(Self.html.contains("<rect class=\"bar verdict-stable\""))
        // The q(d) chart lists the four measured delays in ascending order.
        let delays = ["rerun after 0 s (68 trials)", "rerun after 5 s (68 trials)", "rerun after 30 s (68 trials)",
                      "rerun after 120 s (68 trials)"]
        let positions = delays.compactMap { Self.html.range(of: $0)?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted())
    }

    @Test("a validated policy shows its held-out residual beside the prediction, and the suite-wide exports")
    func validation() throws {
        let sweep = Fixtures.validatedFlakySweep()
        let validation = try #require(sweep.policyValidation)
        let report = Report(sweeps: [sweep])
        let policy = try #require(report.scenarios.first?.policy)
        let html = HTMLReport.render(report)
        #expect(html.contains("<p>Validation: on 1000 held-out seeds "))
        #expect(html.contains(">predicted</text>"))
        #expect(html.contains(">observed on 1000 held-out"))
        #expect(html.components(separatedBy: "class=\"chart interval-chart\"").count - 1 == 3)
        #expect(validation.residualFailures == 3)
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&apos;")
        }
        let ini = try #require(policy.pytestIni, "the flaky fixture's policy is a rerun: \(policy.reason)")
        #expect(html.contains("<pre>\(escaped(ini))</pre>"))
        let profile = try #require(policy.nextestProfile)
        #expect(html.contains("<pre>\(escaped(profile))</pre>"))
    }

    @Test("the outcome strip marks exactly the failing seeds, by kind, over the passing background")
    func outcomeStrip() throws {
        let damaging = try #require(Self.report.scenarios.first { $0.name == "disk-full" })
        let cells = HTMLReport.outcomeCells(damaging)
        #expect(cells.count == 100)
        #expect(cells.filter { $0.outcome == "damaging" }.map { $0.label } == ["seed 4", "seed 40", "seed 77"])
        #expect(cells.filter { $0.outcome == "transient" }.count == 5)
        #expect(cells.filter { $0.outcome == "pass" }.count == 92)
        #expect(Self.html.contains("<title>92 runs: pass</title>"))
        #expect(Self.html.contains("<title>seed 40: damaging</title>"))
    }

    @Test("text from the report is escaped: a summary with markup is shown, not run")
    func escaping() {
        var sweep = Fixtures.damagingSweep()
        sweep.description = "<script>alert(1)</script> & \"quotes\""
        let html = HTMLReport.render(Report(sweeps: [sweep]))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    @Test("the same report renders byte-identically")
    func deterministic() {
        #expect(HTMLReport.render(Self.report) == Self.html)
    }
}
