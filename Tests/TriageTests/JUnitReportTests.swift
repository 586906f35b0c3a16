import Foundation
import Testing
import Triage
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("JUnit report")
struct JUnitReportTests {
    /// A damaging variant whose names and summary hold every character XML reserves.
    static func awkwardSweep() -> VariantSweep {
        let failure = SeedFailure(
            kind: .damaging, signature: "damaging:a<b>&\"c\"", summary: "x < y && 'z' > \"w\"", detail: ""
        )
        return VariantSweep(
            scenario: "odd <&\"> name", variant: "v'1", file: "dir/it's <odd>.yaml", requestedSeeds: 4,
            records: Fixtures.records(count: 4, failures: [3: failure]), replay: Fixtures.replay
        )
    }

    private static func parse(_ xml: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: xml, options: [])
        return try #require(document.rootElement())
    }

    private static func testCase(_ root: XMLElement, _ scenario: String) throws -> XMLElement {
        let cases = root.elements(forName: "testcase")
        return try #require(cases.first { $0.attribute(forName: "classname")?.stringValue == scenario })
    }

    @Test("one testsuite, one testcase per variant, counts in the suite attributes")
    func suite() throws {
        let report = Report(sweeps: [Fixtures.flakySweep(), Fixtures.damagingSweep(), Fixtures.stableSweep()])
        let root = try Self.parse(JUnitReport.render(report))
        #expect(root.name == "testsuite")
        #expect(root.attribute(forName: "name")?.stringValue == "chaos-run")
        #expect(root.attribute(forName: "tests")?.stringValue == "3")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.elements(forName: "testcase").map { $0.attribute(forName: "name")?.stringValue } == [
            "enospc", "default", "default",
        ])
    }

    @Test("stable is a plain pass")
    func stable() throws {
        let root = try Self.parse(JUnitReport.render(Report(sweeps: [Fixtures.stableSweep()])))
        let testCase = try Self.testCase(root, "happy-path")
        #expect(testCase.childCount == 0)
    }

    @Test("flaky with a rerun policy under the target passes with one flakyFailure per signature")
    func flaky() throws {
        let root = try Self.parse(JUnitReport.render(Report(sweeps: [Fixtures.flakySweep()])))
        let testCase = try Self.testCase(root, "registry-outage")
        #expect(testCase.elements(forName: "failure").isEmpty)
        let flaky = testCase.elements(forName: "flakyFailure")
        #expect(flaky.map { $0.attribute(forName: "type")?.stringValue } == [
            "transient:registry.503", "transient:http.read_timeout",
        ])
        let first = try #require(flaky.first)
        #expect(first.attribute(forName: "message")?.stringValue?.contains("first seed 7") == true)
        let stackTrace = try #require(first.elements(forName: "stackTrace").first?.stringValue)
        #expect(stackTrace.contains("seed: 7"))
        let out = try #require(first.elements(forName: "system-out").first?.stringValue)
        #expect(out == "replay: chaos-run replay scenarios/registry outage.yaml --seed 7 --variant default")
    }

    @Test("damaging fails with the signature as type, seeds and replay in the text, rerunFailure for transients")
    func damaging() throws {
        let root = try Self.parse(JUnitReport.render(Report(sweeps: [Fixtures.damagingSweep()])))
        let testCase = try Self.testCase(root, "disk-full")
        let failure = try #require(testCase.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "damaging:service.partial_directory")
        #expect(failure.attribute(forName: "message")?.stringValue?.hasPrefix("damaging, fix:") == true)
        let text = try #require(failure.stringValue)
        #expect(text.contains("seed: 4; seeds: 4, 40, 77"))
        #expect(text.contains("replay: chaos-run replay scenarios/disk.yaml --seed 4 --variant enospc"))
        let reruns = testCase.elements(forName: "rerunFailure")
        #expect(reruns.map { $0.attribute(forName: "type")?.stringValue } == ["transient:registry.503"])
        #expect(testCase.elements(forName: "flakyFailure").isEmpty)
    }

    @Test("an unmet expectation fails even a flaky variant that reruns would pass")
    func unmetExpectation() throws {
        var sweep = Fixtures.flakySweep()
        sweep.maxFailureRate = 0.01
        let root = try Self.parse(JUnitReport.render(Report(sweeps: [sweep])))
        let failure = try #require(try Self.testCase(root, "registry-outage").elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue?
            .hasPrefix("expected failure rate ≤ 1%; measured failure rate 6.8%") == true)
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
    }

    @Test("escapes <, &, quotes and apostrophes so the document parses back to the original text")
    func escaping() throws {
        let xml = JUnitReport.render(Report(sweeps: [Self.awkwardSweep()]))
        #expect(!xml.contains("odd <&"))
        #expect(xml.contains("odd &lt;&amp;&quot;&gt; name"))
        let root = try Self.parse(xml)
        let testCase = try Self.testCase(root, "odd <&\"> name")
        #expect(testCase.attribute(forName: "name")?.stringValue == "v'1")
        let failure = try #require(testCase.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "damaging:a<b>&\"c\"")
        let text = try #require(failure.stringValue)
        #expect(text.contains("x < y && 'z' > \"w\""))
        #expect(text.contains("chaos-run replay dir/it's <odd>.yaml --seed 3 --variant v'1"))
    }

    @Test("line breaks in attributes survive parsing")
    func lineBreaksInAttributes() throws {
        var sweep = Self.awkwardSweep()
        sweep.scenario = "two\nlines"
        let root = try Self.parse(JUnitReport.render(Report(sweeps: [sweep])))
        #expect(root.elements(forName: "testcase").first?.attribute(forName: "classname")?.stringValue
            == "two\nlines")
    }

    @Test("control characters XML cannot hold are replaced, so the file still parses")
    func controlCharacters() throws {
        var sweep = Self.awkwardSweep()
        sweep.scenario = "bell\u{07}null\u{00}"
        let root = try Self.parse(JUnitReport.render(Report(sweeps: [sweep])))
        #expect(root.elements(forName: "testcase").first?.attribute(forName: "classname")?.stringValue
            == "bell\u{FFFD}null\u{FFFD}")
    }
}
