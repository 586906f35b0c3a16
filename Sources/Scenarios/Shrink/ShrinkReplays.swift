import ChaosNet

/// Replays candidate fault plans of one seed and says which still fail with the target signature, within a budget
/// of replays. A plan already replayed is answered from memory (ddmin asks some twice), without spending a replay.
///
/// Not thread-safe: the shrinker uses it on one thread.
final class ShrinkReplays {
    /// What one replay of a plan found.
    struct Outcome {
        /// The seed's signature with this plan; nil if it passed.
        var signature: String?
        /// The `fault` events of the run: when each fault fired.
        var firings: [TraceEvent]
        /// Virtual time at which the run ended.
        var virtualEnd: Duration
    }

    let base: ScenarioRunner
    let seed: UInt64
    let variant: VariantName
    let replaysMax: Int
    /// The signature a candidate must fail with: the original plan's.
    var signature: String?
    private(set) var replays = 0
    private var outcomes: [(plan: FaultPlanSpec, outcome: Outcome)] = []

    /// Fault events kept per replay: enough for any plan a person reads; a run that fires more keeps the last ones.
    static let traceCapacity = 100_000

    init(base: ScenarioRunner, seed: UInt64, variant: VariantName, replaysMax: Int) {
        self.base = base
        self.seed = seed
        self.variant = variant
        self.replaysMax = replaysMax
    }

    /// Whether the seed still fails with the target signature under `plan`; nil when the budget is spent.
    func fails(_ plan: FaultPlanSpec) -> Bool? {
        guard let outcome = outcome(of: plan) else { return nil }
        return outcome.signature != nil && outcome.signature == signature
    }

    /// What replaying `plan` found (from memory if it was replayed before); nil when the budget is spent.
    func outcome(of plan: FaultPlanSpec) -> Outcome? {
        if let known = outcomes.first(where: { $0.plan == plan }) { return known.outcome }
        guard replays < replaysMax else { return nil }
        replays += 1
        let runner = plan == FaultPlanSpec(of: base.scenario) ? base : ScenarioRunner(base, faults: plan)
        let run = runner.run(seed: seed, variant: variant, traceCapacity: Self.traceCapacity)
        let outcome = Outcome(
            signature: run.record.failure?.signature, firings: run.trace.filter { $0.source == "fault" },
            virtualEnd: .seconds(run.record.virtualSeconds))
        outcomes.append((plan, outcome))
        return outcome
    }
}
