import ChaosNet
import Triage

/// A sweep of scenario variants over seeds: the jobs it runs, in three phases, and the `VariantSweep` of each variant
/// it assembles from their results. The same plan serves `chaos-run run` (on worker processes, whole or one shard of
/// a CI matrix) and Swift tests (in process); only the executor differs.
///
/// Phase 1 runs every seed of every variant. Phase 2 reruns each transient failure inside its own world, once per
/// candidate delay (the seed replays exactly up to the failure, then waits the delay with the faults still on their
/// schedule), in chains of up to `max_reruns`, which measures q(d) and the q_j (`RerunTrials`). Phase 3 runs the
/// held-out seeds after the swept range the same way, so that `assemble` can apply the chosen policy to them and
/// compare the residual it leaves with the prediction (`PolicyValidation`). Everything measured lands in
/// `VariantSweepData`, indexed by seed, never by arrival, so neither the executor's parallelism nor the cut into
/// shards can change a report.
public struct SweepPlan: Sendable {
    /// One scenario's runner and the variants the plan runs of it.
    public struct Target: Sendable {
        public var runner: ScenarioRunner
        public var variants: [VariantName]

        /// `variants` default to the runner's (the scenario's, or every variant its driver declares).
        public init(runner: ScenarioRunner, variants: [VariantName]? = nil) {
            self.runner = runner
            self.variants = variants ?? runner.variants
        }

        /// The path as the user gave it: workers load it, and replay instructions repeat it.
        public var file: String { runner.file }
        public var scenario: ScenarioFile { runner.scenario }
    }

    /// What a plan found.
    public struct Outcome: Sendable {
        /// One per target variant, in target then variant order: the whole sweep, or for a shard its slice alone
        /// (whose expectations and policy mean little until `merge` adds the slices up).
        public var sweeps: [VariantSweep]
        /// What was measured, per variant in the same order: a shard's partial report.
        public var data: [VariantSweepData]
        /// The sweep stopped early: some variant's seeds did not all finish.
        public var interrupted: Bool
    }

    public var targets: [Target]
    /// Seeds per variant; nil means each scenario's own `seeds`.
    public var seedCount: Int?
    /// The first seed per variant; nil means each scenario's own `first_seed`, or 1.
    public var firstSeed: UInt64?

    /// A plan of `targets`; reports word replays as each target's runner does (`ScenarioRunner.replay`).
    public init(targets: [Target], seedCount: Int? = nil, firstSeed: UInt64? = nil) {
        self.targets = targets
        self.seedCount = seedCount
        self.firstSeed = firstSeed
    }

    /// The executor that runs this plan's jobs in this process.
    public var inProcessExecutor: InProcessSweepExecutor {
        var runners: [String: ScenarioRunner] = [:]
        for target in targets { runners[target.file] = target.runner }
        return InProcessSweepExecutor(runners: runners)
    }

    /// Runs the three phases of `shard` (default: the whole sweep) on `executor` and assembles the sweeps. Throws what
    /// the executor throws (no worker could be started) and `SweepError` for a job that could not run at all.
    public func run(
        on executor: some SweepExecutor, shard: SweepShard = .whole, progress: (any SweepProgress)? = nil,
        isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) throws -> Outcome {
        var data = try measureFirstRuns(shard: shard, on: executor, progress: progress, isInterrupted)
        var interrupted = isInterrupted()
        if !interrupted {
            try measureReruns(&data, on: executor, progress: progress, isInterrupted)
            interrupted = isInterrupted()
        }
        if !interrupted {
            try measureHeldOut(&data, shard: shard, on: executor, progress: progress, isInterrupted)
            interrupted = isInterrupted()
        }
        return Outcome(sweeps: assemble(data), data: data, interrupted: interrupted)
    }

    /// Where each target variant's data sits in `data`-ordered arrays: target then variant order.
    var keys: [Key] {
        targets.enumerated().flatMap { index, target in target.variants.map { Key(target: index, variant: $0) } }
    }

    struct Key: Hashable {
        var target: Int
        var variant: VariantName
    }

    /// Seeds of the swept range per variant of `target`.
    func sweptSeeds(_ target: Target) -> Int { seedCount ?? target.scenario.seedCount }

    /// Where the swept range of `target` starts.
    func firstSeed(of target: Target) -> UInt64 { firstSeed ?? target.scenario.firstSeed ?? 1 }
}

/// A job of a sweep that could not run at all (its scenario file no longer loads in the worker, say): the sweep stops,
/// since its report could not vouch for that variant.
public struct SweepError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var seed: UInt64
    public var message: String

    public var description: String { "\(file): seed \(seed): \(message)" }
}
