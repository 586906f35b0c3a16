import ChaosNet
import Triage

/// How soon each schedule strategy finds each failure of one variant: the same seeds run under every strategy, and
/// for each failure signature, the first seed that hit it and how many did. A strategy that needs fewer seeds to
/// reach a signature explores the interleavings behind it better.
public struct ScheduleComparison: Sendable, Equatable {
    /// When one strategy hit one signature.
    public struct Hit: Sendable, Equatable {
        /// The first seed (in run order) whose failure had the signature.
        public var firstSeed: UInt64
        /// How many seeds after the first one of the range that is: 1 when the range's first seed hit it.
        public var seedsToFirst: Int
        /// Seeds that hit it in all.
        public var seeds: Int
    }

    /// One failure signature and what each strategy made of it, in `strategies` order (nil: never hit).
    public struct Row: Sendable, Equatable {
        public var signature: String
        public var kind: FailureKind
        public var hits: [Hit?]
    }

    public var scenario: String
    public var variant: VariantName
    public var strategies: [ScheduleStrategy]
    public var seeds: ClosedRange<UInt64>
    /// Seeds that failed, per strategy.
    public var failedSeeds: [Int]
    /// Every signature any strategy hit, the soonest found first.
    public var rows: [Row]
}

extension ScenarioRunner {
    /// A runner of this scenario under `schedule`, sharing the fixtures and bound driver (which do not depend on it).
    convenience init(_ base: ScenarioRunner, schedule: ScheduleStrategy) {
        var scenario = base.scenario
        scenario.schedule = schedule
        self.init(base, scenario: scenario)
    }

    /// Runs `seeds` of `variant` under each of `strategies`, one seed after another in this process, and compares
    /// where each first hit each failure signature. `progress` is told of each seed done (strategy index, seeds done).
    public func compareSchedules(
        _ strategies: [ScheduleStrategy], variant: VariantName, seeds: ClosedRange<UInt64>,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> ScheduleComparison {
        precondition(!strategies.isEmpty, "a comparison needs at least one strategy")
        var firstHits: [String: (kind: FailureKind, hits: [ScheduleComparison.Hit?])] = [:]
        var failedSeeds: [Int] = []
        for (index, strategy) in strategies.enumerated() {
            let runner = ScenarioRunner(self, schedule: strategy)
            var failed = 0
            for (offset, seed) in seeds.enumerated() {
                if let failure = runner.run(seed: seed, variant: variant).record.failure {
                    failed += 1
                    var entry = firstHits[failure.signature]
                        ?? (failure.kind, Array(repeating: nil, count: strategies.count))
                    if var hit = entry.hits[index] {
                        hit.seeds += 1
                        entry.hits[index] = hit
                    } else {
                        entry.hits[index] = ScheduleComparison.Hit(firstSeed: seed, seedsToFirst: offset + 1, seeds: 1)
                    }
                    firstHits[failure.signature] = entry
                }
                progress(index, offset + 1)
            }
            failedSeeds.append(failed)
        }
        let rows = firstHits.map { ScheduleComparison.Row(signature: $0.key, kind: $0.value.kind, hits: $0.value.hits) }
            .sorted { lhs, rhs in
                let left = lhs.hits.compactMap { $0?.seedsToFirst }.min() ?? .max
                let right = rhs.hits.compactMap { $0?.seedsToFirst }.min() ?? .max
                return left != right ? left < right : lhs.signature < rhs.signature
            }
        return ScheduleComparison(
            scenario: scenario.name, variant: variant, strategies: strategies, seeds: seeds,
            failedSeeds: failedSeeds, rows: rows)
    }
}
