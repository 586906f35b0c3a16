import ChaosNet
import Triage

/// What `FaultPlanShrinker` found: the smallest plan it reached that still fails the seed with the original
/// signature, and what it cost.
public struct ShrinkResult: Sendable {
    public var seed: UInt64
    public var variant: VariantName
    /// The signature every kept plan fails with: the seed's failure under the scenario's own plan.
    public var signature: String
    /// The scenario the shrinker started from.
    public var scenario: ScenarioFile
    public var original: FaultPlanSpec
    public var minimal: FaultPlanSpec
    /// Replays spent, the original plan's included.
    public var replays: Int
    public var replaysMax: Int
    /// False when the budget ran out first: the plan still fails the same way, but may not be minimal.
    public var complete: Bool
    /// Each simplification kept, in order.
    public var steps: [String]

    /// The reproduction as a scenario file of its own: the minimal plan, this variant only, and the one seed
    /// (`seeds: 1`, `first_seed: S`), which a sweep must see fail (`min_failure_rate: 100%`). `run FILE` sweeps
    /// that seed and `replay FILE --seed S` replays it; its header says so (`header(…)`).
    public var reproduction: ScenarioFile {
        var file = minimal.applied(to: scenario)
        file.name = "\(scenario.name)-seed-\(seed)"
        file.description = "Seed \(seed) of \(scenario.name) (\(variant)), shrunk to the faults that still fail it "
            + "the same way."
        file.seedCount = 1
        file.firstSeed = seed
        file.workload.variants = [variant]
        file.expectations = [VariantExpectation(variant: variant, minFailureRate: 1)]
        return file
    }

    /// The comment lines a written reproduction starts with: where it came from, what it keeps, how to run it.
    ///
    /// - Parameters:
    ///   - source: the scenario file shrunk, as the user named it.
    ///   - file: the path the reproduction is written to.
    ///   - replay: how this program words a replay instruction.
    public func header(source: String, file: String, replay: ReplayFormatter) -> [String] {
        let command = replay.instruction(file: file, seed: seed, variant: variant.rawValue)
        return [
            "Seed \(seed) of \(source) (variant \(variant)), shrunk to the faults that still fail it the same way:",
            "  \(signature)",
            "before: \(original.summary)",
            "after:  \(minimal.summary)",
            "\(replays) replays" + (complete ? "." : " (the budget ran out: smaller plans may still fail)."),
            "",
            "Reproduce: \(command)",
            "A sweep of this file (`run \(file)`) runs seed \(seed) alone, which the expectation says must fail.",
            "Once the cause is fixed, make the expectation max_failure_rate: 0 and keep the file as a regression test.",
        ]
    }

    /// Loads the reproduction written at `path` and runs its seed in a world of its own (fixtures built from the
    /// file), as a user would: the run's failure signature must be `signature`.
    public func reproduces(fileAt path: String, drivers: DriverRegistry = .builtIn) throws -> SeedRun {
        let runner = try ScenarioRunner(path: path, drivers: drivers)
        return runner.run(seed: seed, variant: variant)
    }
}
