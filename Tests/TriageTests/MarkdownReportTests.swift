import Testing
import Triage

@Suite("Markdown report")
struct MarkdownReportTests {
    static let markdown = MarkdownReport.render(
        Report(sweeps: [Fixtures.flakySweep(), Fixtures.damagingSweep(), Fixtures.stableSweep()])
    )

    @Test("a table with one row per variant: runs, failure rate with CI, verdict, action")
    func table() {
        let lines = Self.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("| Scenario | Variant | Runs | Failure rate (95% CI) | Verdict | Action |"))
        #expect(lines.contains("| disk-full | enospc | 100 | 8% (4.1%–15%) | damaging | fix |"))
        #expect(lines.contains("| registry-outage | default | 1000 | 6.8% (5.4%–8.5%) | flaky | rerun |"))
        #expect(lines.contains("| happy-path | default | 50 | 0% (0%–7.1%) | stable | none |"))
    }

    @Test("replay commands in code spans, the policy and why, the marker")
    func signaturesAndPolicy() {
        #expect(Self.markdown.contains("   replay: `chaos-run replay scenarios/disk.yaml --seed 4 --variant enospc`"))
        #expect(Self.markdown.contains(
            "   replay: `chaos-run replay scenarios/registry outage.yaml --seed 7 --variant default`"))
        #expect(Self.markdown.contains(
            "- Policy: **fix**: damaging failures are never rerun, since a rerun would hide them; fix the cause"
            + ": a partial directory left behind (damaging:service.partial_directory)"))
        #expect(Self.markdown.contains(
            "- Policy: **rerun**: p = 6.8% (68 of 1000), q(30 s) = 4.4% (3 of 68 reruns failed): 3 reruns 30 s apart "
                + "leave 5.8e-04% (95% CI [1.9e-05%, 0.015%]) ≤ 0.1% at the upper bound"))
        #expect(Self.markdown.contains("- Marker: `@pytest.mark.flaky(reruns=3, reruns_delay=30)`"))
        #expect(Self.markdown.contains("""
            - pytest.ini (applies to every test of the suite, unlike the marker):

              ```ini
              [pytest]
              reruns = 3
              reruns_delay = 30
              ```
            """))
        #expect(Self.markdown.contains(
            #"  retries = { backoff = "fixed", count = 3, delay = "30s" }"# + "\n  ```"))
    }

    @Test("the comparison line with the blind reruns=2, reruns_delay=5")
    func blindComparison() {
        #expect(Self.markdown.contains("- Blind `@pytest.mark.flaky(reruns=2, reruns_delay=5)` would leave 1.7% "
            + "(17× the target 0.1%) at 1.53 s per run, and would hide no damage."))
        #expect(Self.markdown.contains("- Blind `@pytest.mark.flaky(reruns=2, reruns_delay=5)` would leave 8% "
            + "(80× the target 0.1%) at 0.8 s per run, and would hide damage"))
    }

    @Test("at most five signatures per variant, the rest counted")
    func topSignatures() {
        let failures = Dictionary(uniqueKeysWithValues: (1...7).map { seed in
            (UInt64(seed), SeedFailure(kind: .transient, signature: "transient:s\(seed)", summary: "s\(seed)"))
        })
        let sweep = VariantSweep(
            scenario: "many", variant: "v", file: "m.yaml", requestedSeeds: 20,
            records: Fixtures.records(count: 20, failures: failures), replay: Fixtures.replay
        )
        let markdown = MarkdownReport.render(Report(sweeps: [sweep]))
        #expect(markdown.contains("5. `transient:s5`"))
        #expect(!markdown.contains("`transient:s6`"))
        #expect(markdown.contains("… and 2 more in report.json."))
    }
}
