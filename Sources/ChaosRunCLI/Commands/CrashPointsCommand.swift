import ArgumentParser
import Scenarios
import Triage

struct CrashPointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-points",
        abstract: "Crashes one seed at every operation that changes the disk and reports the crashes that do damage.",
        discussion: """
            A crash-consistency check in the manner of ALICE: the seed runs once without power losses to count the \
            operations that change the component's disk (writes, syncs, renames, directory syncs, unlinks, \
            creations), then once per operation with the power lost as it starts, the disk as the earlier ones left \
            it under the scenario's durability model (`file_system:`), and the component restarted a second later. \
            The scenario's scheduled crash faults are left out. Needs a component its driver restarts after a power \
            loss.

            Exit codes: 0 no crash point broke an invariant, 1 one did, 2 bad input or usage.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(help: "The seed to check.")
    var seed: UInt64

    @OptionGroup var variant: VariantOption

    @Option(help: "Crash points listed per variant (the rest are counted).")
    var show: Int = 20

    func run() throws {
        let target = try ScenarioTargets.load(file, variant: variant.variant)
        var anyBroken = false
        for variant in target.variants {
            let sweep: ScenarioRunner.CrashPointSweep
            do {
                sweep = try target.runner.crashPoints(seed: seed, variant: variant)
            } catch {
                throw BadInput("\(file): \(error)")
            }
            let cleanResult = sweep.clean.failure.map { "failed [\($0.kind.rawValue)] \($0.signature)" } ?? "passed"
            print("\(target.scenario.name) (\(variant)), seed \(seed): \(sweep.operations) disk-changing operations "
                + "without a power loss (\(cleanResult)); crashed at each: \(sweep.broken.count) broke an invariant")
            for point in sweep.broken.prefix(show) {
                print("  crash at operation \(point.point) (\(point.operation)): [\(point.failure.kind.rawValue)] "
                    + point.failure.signature)
                print("    \(point.failure.detail)")
            }
            if sweep.broken.count > show { print("  … \(sweep.broken.count - show) more") }
            anyBroken = anyBroken || !sweep.broken.isEmpty
        }
        if anyBroken { throw ExitCode(1) }
    }
}
