import ChaosNet

/// Shrinks the fault plan of one failing seed to a smaller one that still fails it with the same signature, by
/// replaying candidates: what a person triaging a failure under a dozen faults wants to read, and to commit as a
/// regression test (`ShrinkResult.reproduction`).
///
/// ```swift
/// let runner = try ScenarioRunner(path: "scenarios/service-create-cleanup.yaml")
/// let result = try FaultPlanShrinker(runner: runner, seed: 1, variant: .naive).shrink()
/// print(result.minimal.summary)     // 1 fault (1 network): 1 window, 0.001s active in all
/// ```
///
/// First ddmin over the faults (`DeltaDebugging`), then, fault by fault: toxicity raised to 100%; episodes replaced
/// by the windows this seed's world draws for them (`FaultPlan.activeWindows`), rounded out to the millisecond;
/// only the windows the fault fired in kept (its `fault` trace events), then ddmin over the windows; each window
/// narrowed to its firings (bisected where that loses the failure); parameters made absent or smaller (bisected).
/// Rounds repeat, with ddmin over the faults again, while they keep finding something. Every change is kept only if
/// a replay still fails with the seed's signature, so the result always reproduces; each fault draws its episodes
/// and toxicity from streams of its own name, so dropping one never reshuffles another's.
///
/// Replays are bounded (`replaysMax`): when the budget runs out, the smallest plan found so far is the result,
/// marked incomplete. Components never see any of this: only the scenario's plan changes between replays.
public struct FaultPlanShrinker: Sendable {
    public let runner: ScenarioRunner
    public let seed: UInt64
    public let variant: VariantName
    /// The most replays the shrink may spend, the original plan's included.
    public var replaysMax: Int
    /// The most replays one bisection (of a window's edge, of a parameter) may spend.
    public var bisectionStepsMax = 8
    /// Rounds of per-fault simplification at most.
    public var roundsMax = 3

    /// Enough for the shipped scenarios to finish (a few hundred replays of a few milliseconds each).
    public static let defaultReplaysMax = 500

    /// A shrinker of `seed` of `variant`, which must be one `runner`'s driver declares.
    public init(runner: ScenarioRunner, seed: UInt64, variant: VariantName, replaysMax: Int = defaultReplaysMax) {
        self.runner = runner
        self.seed = seed
        self.variant = variant
        self.replaysMax = replaysMax
    }

    /// Replays the seed with candidate plans and returns the smallest that still fails the same way. `progress`
    /// hears after each phase and each kept change. Throws when the seed passes with the scenario's own plan.
    public func shrink(progress: @escaping (ShrinkProgress) -> Void = { _ in }) throws(ShrinkError) -> ShrinkResult {
        guard replaysMax >= 1 else { throw .noReplays }
        let session = ShrinkSession(shrinker: self, progress: progress)
        return try session.run()
    }
}
