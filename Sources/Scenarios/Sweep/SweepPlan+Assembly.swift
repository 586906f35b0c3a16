import ChaosNet
import Triage

extension SweepPlan {
    /// The sweeps that `data` (one entry per target variant, in target then variant order) adds up to. Nothing here
    /// depends on the order runs arrived in or on how the seeds were cut into shards: first runs are taken in seed
    /// order, chains by delay then seed, held-out seeds in seed order.
    ///
    /// Rerun evidence counts only when every failure is transient, since a variant with any other failure is never
    /// rerun (a shard that saw only transient failures measured chains that then go unused). The chosen policy is
    /// validated on the held-out seeds when it predicts a residual and every held-out seed was run.
    public func assemble(_ data: [VariantSweepData]) -> [VariantSweep] {
        let keys = self.keys
        precondition(data.count == keys.count, "one data entry per target variant")
        return zip(keys, data).map { key, slice in
            let target = targets[key.target]
            let scenario = target.scenario
            let delays = scenario.rerun.delays
            let firstRuns = slice.firstRuns.sorted { $0.record.seed < $1.record.seed }
            let records = firstRuns.map(\.record)
            let chains = slice.reruns.sorted { ($0.delayIndex, $0.seed) < ($1.delayIndex, $1.seed) }
            let allTransient = records.allSatisfy { $0.failure?.kind.mayBeRerun ?? true }
            let evidence = allTransient && !chains.isEmpty
                ? RerunTrials.evidence(
                    records: records, delays: delays,
                    results: chains.map { chain in
                        (RerunTrials.Trial(seed: chain.seed, delayIndex: chain.delayIndex,
                                           delay: delays[chain.delayIndex]), chain.results)
                    },
                    workloadSeconds: firstRuns.compactMap(\.workloadSeconds))
                : nil
            let expectation = scenario.expectation(for: key.variant)
            let requested = sweptSeeds(target)
            var sweep = VariantSweep(
                scenario: scenario.name, description: scenario.description, variant: key.variant.rawValue,
                file: target.file, requestedSeeds: requested, firstSeed: firstSeed(of: target),
                records: records,
                rerunEvidence: evidence, rerunSettings: scenario.rerun.settings,
                maxFailureRate: expectation?.maxFailureRate, minFailureRate: expectation?.minFailureRate,
                maxDamagingRate: expectation?.maxDamagingRate, wallSeconds: slice.wallSeconds,
                replay: target.runner.replay, incomplete: records.count < requested)
            sweep.policyValidation = validation(of: sweep, heldOut: slice.heldOut, target: target)
            return sweep
        }
    }

    /// The chosen policy applied to the held-out seeds, nil when it predicts nothing to check or some held-out
    /// seed did not run.
    private func validation(
        of sweep: VariantSweep, heldOut: [VariantSweepData.HeldOutRun]?, target: Target
    ) -> PolicyValidation? {
        let range = heldOutRange(target)
        guard let heldOut, range.count > 0, heldOut.count == range.count else { return nil }
        let policy = ScenarioReport(sweep).policy.rerunPolicy
        guard policy.predictsResidual else { return nil }
        let delays = target.scenario.rerun.delays.map(\.secondsDouble)
        guard policy.reruns == 0 || delays.contains(policy.delaySeconds) else { return nil }
        let delayIndex = delays.firstIndex(of: policy.delaySeconds) ?? 0
        let outcomes = heldOut.sorted { $0.seed < $1.seed }.map { run in
            PolicyValidation.SeedOutcome(
                failure: run.failure, reruns: run.chains.indices.contains(delayIndex) ? run.chains[delayIndex] : [])
        }
        return PolicyValidation(policy: policy, firstSeed: range.first, outcomes: outcomes)
    }

    /// Each target variant's slices from several shards, added up in target then variant order; nil with the
    /// variant that no slice covers.
    public func combine(_ slices: [VariantSweepData]) -> Result<[VariantSweepData], CombineError> {
        var combined: [VariantSweepData] = []
        for key in keys {
            let file = targets[key.target].file
            let mine = slices.filter { $0.file == file && $0.variant == key.variant }
            guard let first = mine.first else {
                return .failure(CombineError(message: "no shard holds variant '\(key.variant)' of \(file)"))
            }
            combined.append(mine.dropFirst().reduce(first) { $0.adding($1) })
        }
        return .success(combined)
    }

    public struct CombineError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) {
            self.message = message
        }
    }
}
