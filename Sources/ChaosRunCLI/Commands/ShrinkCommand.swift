import ArgumentParser
import Foundation
import Scenarios
import Triage

struct ShrinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shrink",
        abstract: "Shrinks a failing seed's fault plan to a smaller one that fails the same way and writes it out.",
        discussion: """
            Replays the seed with smaller fault plans and keeps each change only if the seed still fails with its \
            original signature: ddmin over the faults (network and file system), then per fault: toxicity raised \
            to 100%, episodes replaced by the windows the seed's world draws for them, only the windows the fault \
            fired in, each window narrowed to its firings, parameters absent or smaller. At most --max-replays \
            replays; when they run out, the smallest plan found so far is written, marked incomplete.

            The file written has the minimal plan, only this variant, `seeds: 1` and `first_seed: S`, and an \
            expectation that the seed fails, with comments saying where it came from. It is loaded back from disk \
            and its seed run on its own before the command reports success. Replay it with `replay OUT --seed S \
            --variant V`; `run OUT` sweeps that one seed. Progress goes to standard error, before and after to \
            standard output.

            Example, then the file's own replay:
              chaos-run shrink scenarios/service-create-cleanup.yaml --seed 1 \\
                --variant naive --out minimal.yaml
              chaos-run replay minimal.yaml --seed 1 --variant naive

            Exit codes: 0 the file was written and reproduces the signature, 1 it was written but does not \
            reproduce it on its own, 2 bad input or usage (the seed passes, an unknown variant, an unwritable \
            file).
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(help: "The failing seed.")
    var seed: UInt64

    @Option(help: "The variant that fails; required unless the file declares only one.")
    var variant: VariantName?

    @Option(help: "Where to write the scenario file with the minimal plan. Default: NAME-seed-S.yaml.")
    var out: String?

    @Option(help: "The most replays to spend (1...100000).")
    var maxReplays = FaultPlanShrinker.defaultReplaysMax

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        guard (1...100_000).contains(maxReplays) else {
            throw ValidationError("--max-replays must be between 1 and 100000, got \(maxReplays).")
        }
    }

    func run() throws {
        let target = try ScenarioTargets.load(file, variant: variant)
        guard target.variants.count == 1, let variant = target.variants.first else {
            throw BadInput("\(file): give --variant, one of "
                + target.variants.map(\.rawValue).joined(separator: ", "))
        }
        let scenario = target.scenario
        let out = self.out ?? "\(scenario.name)-seed-\(seed).yaml"
        guard URL(fileURLWithPath: out).standardizedFileURL != URL(fileURLWithPath: file).standardizedFileURL else {
            throw BadInput("--out \(out) is the scenario file itself; write the reproduction elsewhere")
        }
        let shrinker = FaultPlanShrinker(runner: target.runner, seed: seed, variant: variant, replaysMax: maxReplays)
        let quiet = self.quiet
        let result: ShrinkResult
        do {
            result = try shrinker.shrink { progress in
                guard !quiet else { return }
                let width = String(progress.replaysMax).count
                let count = String(progress.replays)
                let padded = String(repeating: " ", count: max(0, width - count.count)) + count
                printToStandardError("[\(padded)/\(progress.replaysMax) replays] \(progress.message)")
            }
        } catch {
            throw BadInput("\(file): \(error)")
        }
        try write(result, to: out)
        printSummary(result, out: out)
        let again: SeedRun
        do {
            again = try result.reproduces(fileAt: out, drivers: CLIContext.current.drivers)
        } catch {
            throw BadInput("\(out): the written file does not load: \(error)")
        }
        let replay = CLIContext.current.replay.instruction(file: out, seed: seed, variant: variant.rawValue)
        guard let failure = again.record.failure, failure.signature == result.signature else {
            let found = again.record.failure.map { "fails with \($0.signature)" } ?? "passes"
            print("wrote \(out), but on its own the seed \(found), not \(result.signature)")
            print("  replay: \(replay)")
            throw ExitCode(1)
        }
        print("wrote \(out); loaded back and run on its own, seed \(seed) fails the same way")
        print("  replay: \(replay)")
    }

    private func write(_ result: ShrinkResult, to out: String) throws {
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw BadInput("\(file): cannot read the file: \(error.localizedDescription)")
        }
        let header = result.header(source: file, file: out, replay: CLIContext.current.replay)
        let text: String
        do {
            text = try ScenarioFileWriter(drivers: CLIContext.current.drivers)
                .text(of: result.reproduction, header: header, source: source)
        } catch {
            throw BadInput("\(file): the minimal plan cannot be written as a scenario file: \(error)")
        }
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw BadInput("\(out): cannot write the file: \(error.localizedDescription)")
        }
    }

    private func printSummary(_ result: ShrinkResult, out: String) {
        print("\(result.scenario.name) (\(result.variant)), seed \(result.seed): \(result.signature)")
        print("before: \(result.original.summary)")
        for entry in result.original.entries { print("  \(entry)") }
        print("after:  \(result.minimal.summary)")
        for entry in result.minimal.entries { print("  \(entry)") }
        let budget = result.complete ? "" : " (the budget ran out: a smaller plan may still fail; raise --max-replays)"
        print("replays: \(result.replays) of \(result.replaysMax)\(budget)")
    }
}
