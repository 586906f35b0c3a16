import Foundation
import Scenarios
import Testing
import Triage

/// The command line and the drivers: components listed, figures reported, replay instructions quoted.
@Suite("chaos-run and drivers")
struct ChaosRunDriverTests {
    @Test("components lists every registered driver with its variants, keys, capabilities and invariants")
    func components() throws {
        let output = try ChaosRunBinary.run(["components"])
        #expect(output.status == 0, "\(output.standardError)")
        let text = output.standardOutput
        #expect(text.hasPrefix("service-manager: "))
        #expect(text.contains("""
            download-queue: A persistent download queue with SOFT/HARD failures and retries, across power losses.
              variants: naive, robust
              workload keys: variants, start_jitter, queue
              capabilities: needs a registry; restarts after a power loss (crash faults allowed)
              invariants:
                queue_entries_settled: 
            """))
        #expect(text.contains("  workload keys: variants, start_jitter, package, operations, downloader\n"))
    }

    @Test("the download queue's failures by reason reach report.json, report.md, the summary and replay")
    func downloadQueueFigures() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let output = try ChaosRunBinary.run(
            ["run", "scenarios/download-queue-retry.yaml", "--seeds", "4", "--report", files.path("r"), "--quiet"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("    failures by reason: "), "\(output.standardOutput)")
        let report = try Report.decode(from: Data(contentsOf: URL(fileURLWithPath: files.path("r/report.json"))))
        let robust = try #require(report.scenarios.first { $0.variant == "robust" }?.figures)
        // 23 documents per seed, 3 of them not JSON: every robust entry settles, the invalid ones HARD.
        #expect(robust.counters["failures_by_reason"]?["INVALID_JSON"] == 4 * 3)
        #expect(robust.counters["failures_by_type"]?["HARD"] == 4 * 3)
        #expect(robust.counters["entries_by_status"]?.values.reduce(0, +) == 4 * 23)
        #expect(robust.distributions["attempts_per_entry"]?.count == 4 * 23)
        let naive = try #require(report.scenarios.first { $0.variant == "naive" }?.figures)
        let naiveInvalid = try #require(naive.counters["failed_attempts_by_reason"]?["INVALID_JSON"])
        #expect(naiveInvalid > 4 * 3, "the naive queue retries HARD failures: \(naiveInvalid)")
        let markdown = try String(contentsOfFile: files.path("r/report.md"), encoding: .utf8)
        #expect(markdown.contains("| failures by reason | count |\n| --- | ---: |\n"))
        let replay = try ChaosRunBinary.run(
            ["replay", "scenarios/download-queue-retry.yaml", "--seed", "1", "--variant", "robust"])
        #expect(replay.standardOutput.contains("figures:\n  entries by status: "), "\(replay.standardOutput)")
    }

    @Test("replay commands quote paths and variants for a POSIX shell only when needed", arguments: [
        ("scenarios/a.yaml", "default", "chaos-run replay scenarios/a.yaml --seed 9 --variant default"),
        ("my scenarios/a b.yaml", "v1", "chaos-run replay 'my scenarios/a b.yaml' --seed 9 --variant v1"),
        ("it's.yaml", "x y", "chaos-run replay 'it'\\''s.yaml' --seed 9 --variant 'x y'"),
        ("$HOME/`x`;rm.yaml", "v", "chaos-run replay '$HOME/`x`;rm.yaml' --seed 9 --variant v"),
        ("", "v", "chaos-run replay '' --seed 9 --variant v"),
    ])
    func replayQuoting(file: String, variant: String, expected: String) {
        #expect(ReplayFormatter.chaosRun.instruction(file: file, seed: 9, variant: variant) == expected)
        #expect(ReplayFormatter.command("swift run my-chaos").instruction(file: file, seed: 9, variant: variant)
            == "swift run my-chaos" + expected.dropFirst("chaos-run".count))
    }
}
