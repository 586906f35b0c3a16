import ChaosNet
import Foundation
@testable import Scenarios
import Testing

/// `FaultPlanShrinker` on the shipped scenarios, through the Swift API.
@Suite("Fault plan shrinker")
struct FaultPlanShrinkerTests {
    static let path = ChaosRunBinary.packageRoot.appendingPathComponent("scenarios/service-create-cleanup.yaml").path

    static func runner() throws -> ScenarioRunner {
        try ScenarioRunner(path: path)
    }

    /// The first seed from 1 up whose run of `variant` fails (or passes, with `failing: false`).
    static func firstSeed(_ runner: ScenarioRunner, _ variant: VariantName, failing: Bool = true) throws -> UInt64 {
        let seed = (1...200).first { (runner.run(seed: UInt64($0), variant: variant).record.failure != nil) == failing }
        return UInt64(try #require(seed, "no seed in 1...200 \(failing ? "fails" : "passes")"))
    }

    @Test("episodes replaced by the windows a seed draws give the same run, event for event", arguments: [
        VariantName.naive, .robust,
    ])
    func episodesToWindowsKeepsTheRun(variant: VariantName) throws {
        let runner = try Self.runner()
        for seed: UInt64 in 1...12 {
            var plan = FaultPlanSpec(of: runner.scenario)
            for index in plan.entries.indices {
                plan.entries[index].activity = .windows(
                    plan.entries[index].activeWindows(seed: seed, through: runner.scenario.timeLimit))
            }
            let windowed = ScenarioRunner(runner, faults: plan)
            let before = runner.run(seed: seed, variant: variant, traceCapacity: 100_000)
            let after = windowed.run(seed: seed, variant: variant, traceCapacity: 100_000)
            // Only the `added …` events differ: they print each fault's activity.
            func events(_ run: SeedRun) -> [TraceEvent] {
                run.trace.filter { !($0.source == "fault" && $0.message.hasPrefix("added ")) }
            }
            #expect(events(before) == events(after), "seed \(seed) (\(variant))")
            #expect(before.record.failure == after.record.failure, "seed \(seed) (\(variant))")
        }
    }

    @Test("each fault fires only inside the windows its own stream draws, whatever the other faults are")
    func firingsLieInTheirOwnWindows() throws {
        let runner = try Self.runner()
        for seed: UInt64 in 1...12 {
            let run = runner.run(seed: seed, variant: .robust, traceCapacity: 100_000)
            for entry in FaultPlanSpec(of: runner.scenario).entries {
                let windows = entry.activeWindows(seed: seed, through: runner.scenario.timeLimit)
                for event in run.trace where entry.fired(event) {
                    #expect(windows.contains { $0.contains(event.timeNanoseconds) },
                            "seed \(seed): \(event.timelineLine) outside \(entry.name)'s windows \(windows)")
                }
            }
        }
    }

    @Test("a naive failure shrinks to fewer faults, and the written reproduction fails the same way on its own")
    func naiveFailureShrinks() throws {
        let runner = try Self.runner()
        let seed = try Self.firstSeed(runner, .naive)
        let signature = try #require(runner.run(seed: seed, variant: .naive).record.failure?.signature)
        var reports: [ShrinkProgress] = []
        let result = try FaultPlanShrinker(runner: runner, seed: seed, variant: .naive).shrink { reports.append($0) }
        #expect(result.signature == signature, "seed \(seed)")
        #expect(result.complete, "seed \(seed)")
        #expect(result.minimal.entries.count < result.original.entries.count, "seed \(seed): \(result.minimal)")
        #expect(result.minimal.entries.allSatisfy { $0.toxicity == 1 }, "seed \(seed): \(result.minimal)")
        #expect(result.minimal.entries.allSatisfy { if case .windows = $0.activity { true } else { false } },
                "seed \(seed): \(result.minimal)")
        #expect(result.replays <= FaultPlanShrinker.defaultReplaysMax)
        #expect(reports.map(\.replays) == reports.map(\.replays).sorted(), "seed \(seed)")
        #expect(reports.last?.plan == result.minimal)
        #expect(!result.steps.isEmpty && result.steps.first!.hasPrefix("dropped "), "\(result.steps)")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shrink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("minimal.yaml").path
        let text = try ScenarioFileWriter().text(
            of: result.reproduction, header: result.header(source: Self.path, file: out, replay: .chaosRun),
            source: String(contentsOfFile: Self.path, encoding: .utf8))
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        let again = try result.reproduces(fileAt: out)
        #expect(again.record.failure?.signature == signature, "seed \(seed): \(again)")
        let reloaded = try ScenarioLoader.load(path: out)
        #expect(reloaded.seedCount == 1 && reloaded.workload.variants == [.naive])
        #expect(reloaded.faults.count + reloaded.fileSystemFaults.count == result.minimal.entries.count)
    }

    @Test("a seed that passes is refused: there is nothing to shrink")
    func passingSeedIsRefused() throws {
        let runner = try Self.runner()
        let seed = try Self.firstSeed(runner, .naive, failing: false)
        #expect(throws: ShrinkError.seedPasses(seed: seed, variant: .naive)) {
            try FaultPlanShrinker(runner: runner, seed: seed, variant: .naive).shrink()
        }
        #expect(throws: ShrinkError.noReplays) {
            try FaultPlanShrinker(runner: runner, seed: seed, variant: .naive, replaysMax: 0).shrink()
        }
    }

    @Test("when the replays run out, the smallest plan so far still fails the same way, marked incomplete")
    func budgetRunsOut() throws {
        let runner = try Self.runner()
        let seed = try Self.firstSeed(runner, .naive)
        let result = try FaultPlanShrinker(runner: runner, seed: seed, variant: .naive, replaysMax: 3).shrink()
        #expect(!result.complete)
        #expect(result.replays == 3)
        let again = ScenarioRunner(runner, faults: result.minimal).run(seed: seed, variant: .naive)
        #expect(again.record.failure?.signature == result.signature, "seed \(seed)")
    }

    @Test("every shrinkable parameter rebuilds the fault it came from, and only its own value changes")
    func parametersRebuild() throws {
        let scenario = try ScenarioLoader.parse(ScenarioFileExamples.full, path: "full.yaml")
        for entry in FaultPlanSpec(of: scenario).entries {
            for parameter in FaultParameter.parameters(of: entry) {
                #expect(parameter.rebuild(parameter.value) == entry, "\(entry.name).\(parameter.name)")
                let smaller = parameter.rebuild(parameter.minimum)
                let again = FaultParameter.parameters(of: smaller).first { $0.name == parameter.name }
                #expect(again?.value == parameter.minimum, "\(entry.name).\(parameter.name)")
                for other in FaultParameter.parameters(of: smaller) where other.name != parameter.name {
                    let before = FaultParameter.parameters(of: entry).first { $0.name == other.name }
                    #expect(other.value == before?.value, "\(entry.name).\(parameter.name) changed \(other.name)")
                }
            }
        }
    }
}
