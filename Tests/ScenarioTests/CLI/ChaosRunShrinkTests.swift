import Foundation
import Scenarios
import Testing

/// `chaos-run shrink`, run as a user runs it: a separate process, its output and the file it writes.
@Suite("chaos-run shrink", .serialized)
struct ChaosRunShrinkTests {
    static let scenario = "scenarios/service-create-cleanup.yaml"

    /// The first seed from 1 up whose naive run fails (or passes), as a sweep of the same build finds it.
    static func naiveSeed(failing: Bool = true) throws -> UInt64 {
        let runner = try ScenarioRunner(
            path: ChaosRunBinary.packageRoot.appendingPathComponent(scenario).path)
        let seed = (1...200).first { (runner.run(seed: UInt64($0), variant: .naive).record.failure != nil) == failing }
        return UInt64(try #require(seed))
    }

    /// The line of `replay`'s output that names the result.
    static func resultLine(_ output: ChaosRunBinary.Output) -> String? {
        output.standardOutput.split(separator: "\n").first { $0.hasPrefix("result: ") }.map(String.init)
    }

    @Test("a naive service-create-cleanup failure shrinks to a file with fewer faults that fails the same way")
    func naiveFailureShrinks() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let seed = try Self.naiveSeed()
        let original = try ChaosRunBinary.run(["replay", Self.scenario, "--seed", "\(seed)", "--variant", "naive"])
        #expect(original.status == 1)
        let failed = try #require(Self.resultLine(original))
        #expect(failed.hasPrefix("result: FAILED [damaging] damaging:service-manager:500:"), "\(failed)")
        let signature = String(failed.dropFirst("result: FAILED [damaging] ".count))

        let out = files.path("minimal.yaml")
        let shrink = try ChaosRunBinary.run(
            ["shrink", Self.scenario, "--seed", "\(seed)", "--variant", "naive", "--out", out])
        #expect(shrink.status == 0, "\(shrink.standardOutput)\(shrink.standardError)")
        let lines = shrink.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "service-create-cleanup (naive), seed \(seed): \(signature)")
        #expect(lines.contains("before: 5 faults (4 network, 1 file system): 5 in episodes"), "\(lines)")
        let after = try #require(lines.first { $0.hasPrefix("after:  ") })
        #expect(after.hasPrefix("after:  1 fault ") || after.hasPrefix("after:  2 faults "), "\(after)")
        #expect(after.contains(" window"), "\(after)")
        #expect(lines.contains { $0.hasPrefix("replays: ") && $0.hasSuffix(" of 500") }, "\(lines)")
        #expect(lines.contains("wrote \(out); loaded back and run on its own, seed \(seed) fails the same way"))
        #expect(lines.last == "  replay: chaos-run replay \(out) --seed \(seed) --variant naive")
        // Progress on standard error: the first replay, the faults dropped, each simplification kept.
        let progress = shrink.standardError.split(separator: "\n").map(String.init)
        #expect(progress.first?.hasPrefix("[  1/500 replays] seed \(seed) (naive) fails with \(signature)") == true)
        #expect(progress.contains { $0.contains("] dropped ") }, "\(progress)")

        // The file stands on its own: fewer faults, the seed in its header, and the same failure when replayed.
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("# Seed \(seed) of \(Self.scenario) (variant naive), shrunk to the faults"))
        #expect(text.contains("\n# Reproduce: chaos-run replay \(out) --seed \(seed) --variant naive\n"))
        let written = try ScenarioLoader.load(path: out)
        #expect(written.faults.count + written.fileSystemFaults.count < 5)
        #expect(written.seedCount == 1 && written.firstSeed == seed && written.workload.variants == [.naive])
        let replay = try ChaosRunBinary.run(["replay", out, "--seed", "\(seed)", "--variant", "naive"])
        #expect(replay.status == 1)
        #expect(Self.resultLine(replay) == failed)
        // A sweep of the file from its seed sees the failure its expectation asks for.
        // The file names its seed (first_seed), so a plain sweep of it runs that seed.
        let sweep = try ChaosRunBinary.run(["run", out, "--quiet"])
        #expect(sweep.status == 0, "\(sweep.standardOutput)\(sweep.standardError)")
        #expect(sweep.standardOutput.contains("naive: 1/1 failed"), "\(sweep.standardOutput)")
        #expect(sweep.standardOutput.contains("Expectations met."))
    }

    @Test("with too few replays the smallest plan so far is written, says so, and still reproduces")
    func budgetRunsOut() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let seed = try Self.naiveSeed()
        let out = files.path("partial.yaml")
        let shrink = try ChaosRunBinary.run([
            "shrink", Self.scenario, "--seed", "\(seed)", "--variant", "naive", "--out", out, "--max-replays", "3",
            "--quiet",
        ])
        #expect(shrink.status == 0, "\(shrink.standardOutput)\(shrink.standardError)")
        #expect(shrink.standardError.isEmpty)
        #expect(shrink.standardOutput.contains(
            "replays: 3 of 3 (the budget ran out: a smaller plan may still fail; raise --max-replays)"))
        #expect(shrink.standardOutput.contains("loaded back and run on its own, seed \(seed) fails the same way"))
    }

    @Test("bad input exits 2 with the reason and writes nothing")
    func badInput() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let out = files.path("never.yaml")
        let passing = try Self.naiveSeed(failing: false)
        let cases: [([String], String)] = [
            (["--seed", "\(passing)", "--variant", "naive"],
             "seed \(passing) (naive) passes: there is no failure to shrink"),
            (["--seed", "1"], "give --variant, one of naive, robust"),
            (["--seed", "1", "--variant", "fast"], "The value 'fast' is invalid for '--variant <variant>'"),
            (["--seed", "1", "--variant", "naive", "--max-replays", "0"],
             "--max-replays must be between 1 and 100000, got 0."),
            (["--variant", "naive"], "Missing expected argument '--seed <seed>'"),
        ]
        for (arguments, message) in cases {
            let output = try ChaosRunBinary.run(["shrink", Self.scenario, "--out", out] + arguments)
            #expect(output.status == 2, "\(arguments): \(output.standardError)")
            #expect(output.standardError.contains(message), "\(arguments): \(output.standardError)")
            #expect(output.standardOutput.isEmpty, "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(arguments)")
        }
        let itself = try ChaosRunBinary.run(
            ["shrink", Self.scenario, "--seed", "1", "--variant", "naive", "--out", Self.scenario])
        #expect(itself.status == 2)
        #expect(itself.standardError.contains("is the scenario file itself"), "\(itself.standardError)")
    }

    @Test("the help says what shrink does, with an example, in one sentence of abstract")
    func help() throws {
        let help = try ChaosRunBinary.run(["shrink", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.hasPrefix("""
            OVERVIEW: Shrinks a failing seed's fault plan to a smaller one that fails the
            same way and writes it out.
            """))
        #expect(help.standardOutput.contains("""
              chaos-run shrink scenarios/service-create-cleanup.yaml --seed 1 \\
                --variant naive --out minimal.yaml
              chaos-run replay minimal.yaml --seed 1 --variant naive
            """))
        #expect(help.standardOutput.contains("--max-replays <max-replays>"))
        let root = try ChaosRunBinary.run(["--help"])
        #expect(root.standardOutput.contains("  shrink "), "\(root.standardOutput)")
    }
}
