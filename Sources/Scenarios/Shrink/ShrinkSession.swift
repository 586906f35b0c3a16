import ChaosNet

/// One run of `FaultPlanShrinker`: the plan so far, the replays, and the changes kept. Each step builds a candidate
/// from `current`, and `attempt` keeps it if it still fails the same way.
///
/// Not thread-safe: one session runs on one thread.
final class ShrinkSession {
    let shrinker: FaultPlanShrinker
    let replays: ShrinkReplays
    private let progress: (ShrinkProgress) -> Void
    /// The smallest plan found so far that fails with the signature. Only `attempt`, and ddmin (whose result was
    /// replayed and failed), set it.
    var current: FaultPlanSpec
    private(set) var steps: [String] = []
    /// Set when a replay was refused: every step stops.
    var exhausted = false

    init(shrinker: FaultPlanShrinker, progress: @escaping (ShrinkProgress) -> Void) {
        self.shrinker = shrinker
        self.progress = progress
        replays = ShrinkReplays(
            base: shrinker.runner, seed: shrinker.seed, variant: shrinker.variant, replaysMax: shrinker.replaysMax)
        current = FaultPlanSpec(of: shrinker.runner.scenario)
    }

    var seed: UInt64 { shrinker.seed }

    func run() throws(ShrinkError) -> ShrinkResult {
        let original = current
        // The budget is at least 1, so the original plan's replay always happens.
        guard let signature = replays.outcome(of: original)?.signature else {
            throw .seedPasses(seed: seed, variant: shrinker.variant)
        }
        replays.signature = signature
        report("seed \(seed) (\(shrinker.variant)) fails with \(signature) under \(original.summary)")
        if !original.entries.isEmpty, attempt(FaultPlanSpec([])) {
            note("the seed fails the same way without any fault")
        }
        dropFaults()
        for _ in 0..<shrinker.roundsMax where !exhausted {
            let before = current
            for index in current.entries.indices where !exhausted {
                simplifyFault(at: index)
            }
            // A simpler fault can make another one redundant.
            if current != before { dropFaults() }
            if current == before { break }
        }
        return ShrinkResult(
            seed: seed, variant: shrinker.variant, signature: signature, scenario: shrinker.runner.scenario,
            original: original, minimal: current, replays: replays.replays, replaysMax: shrinker.replaysMax,
            complete: !exhausted, steps: steps)
    }

    /// ddmin over the faults.
    private func dropFaults() {
        guard current.entries.count >= 2, !exhausted else { return }
        let before = current
        let (kept, complete) = DeltaDebugging.minimize(before.entries) { subset in
            let failing = fails(FaultPlanSpec(subset))
            return exhausted ? nil : failing
        }
        if !complete { exhausted = true }
        // ddmin only moves to lists that failed when replayed.
        current = FaultPlanSpec(kept)
        let dropped = before.entries.map(\.name).filter { name in !kept.contains { $0.name == name } }
        if !dropped.isEmpty {
            let left = kept.count == 1 ? "1 fault left" : "\(kept.count) faults left"
            note("dropped \(dropped.joined(separator: ", ")) (\(left))")
        }
    }

    private func simplifyFault(at index: Int) {
        raiseToxicity(at: index)
        replaceEpisodes(at: index)
        keepFiredWindows(at: index)
        dropWindows(at: index)
        narrowWindows(at: index)
        simplifyParameters(at: index)
    }

    private func raiseToxicity(at index: Int) {
        let entry = current.entries[index]
        guard entry.toxicity < 1, !exhausted else { return }
        var raised = entry
        raised.toxicity = 1
        if attempt(current.replacing(index, with: raised)) {
            note("\(entry.name): toxicity \(ProbabilityText.format(entry.toxicity)) → 100%")
        }
    }

    // MARK: - Replays

    /// Whether `plan` fails the same way; false, and the session exhausted, when the budget is spent.
    func fails(_ plan: FaultPlanSpec) -> Bool {
        guard !exhausted, let fails = replays.fails(plan) else {
            exhausted = true
            return false
        }
        return fails
    }

    /// Makes `candidate` the current plan if it fails the same way.
    @discardableResult
    func attempt(_ candidate: FaultPlanSpec) -> Bool {
        guard candidate != current, fails(candidate) else { return false }
        current = candidate
        return true
    }

    /// The current plan's replay (always known: it was replayed when it became current).
    var currentOutcome: ShrinkReplays.Outcome {
        guard let outcome = replays.outcome(of: current) else {
            preconditionFailure("the current plan was replayed before it became current")
        }
        return outcome
    }

    /// Records a kept change and reports it.
    func note(_ step: String) {
        steps.append(step)
        report(step)
    }

    private func report(_ message: String) {
        progress(ShrinkProgress(
            replays: replays.replays, replaysMax: shrinker.replaysMax, message: message, plan: current))
    }

    /// The value closest to `target` from `good` (whose candidate is the current plan) for which `candidate`
    /// still fails the same way: `target` itself if it does, else bisected for at most `bisectionStepsMax` replays,
    /// each value passed through `round`. Pass `targetPasses` when `target` was just tried.
    func bisect(
        from good: Int64, toward target: Int64, targetPasses: Bool = false, round: (Int64) -> Int64,
        candidate: (Int64) -> FaultPlanSpec
    ) -> Int64 {
        guard good != target else { return good }
        if !targetPasses, attempt(candidate(target)) { return target }
        var good = good, bad = target
        for _ in 0..<shrinker.bisectionStepsMax where !exhausted {
            let middle = round(good + (bad - good) / 2)
            guard middle != good, middle != bad else { break }
            if attempt(candidate(middle)) { good = middle } else { bad = middle }
        }
        return good
    }
}

extension FaultPlanSpec {
    /// This plan with the entry at `index` replaced.
    func replacing(_ index: Int, with entry: PlanFault) -> FaultPlanSpec {
        var plan = self
        plan.entries[index] = entry
        return plan
    }
}
