import Triage

/// What a sweep measured of one variant, before anything is derived from it: each seed's first run, each rerun chain,
/// each held-out seed. A shard writes these for its slice and `merge` adds the slices up; `SweepPlan.assemble` turns
/// them into a `VariantSweep` in an order-independent way (by seed, by delay), so a merged sweep is the one a single
/// run would have measured.
public struct VariantSweepData: Codable, Sendable, Equatable {
    public var file: String
    public var variant: VariantName
    public var firstRuns: [FirstRun]
    /// Phase 2: in-world rerun chains of the failed seeds, when every failure this slice saw was transient.
    public var reruns: [RerunChain]
    /// Phase 3: the held-out seeds of this slice; nil when they were not run.
    public var heldOut: [HeldOutRun]?
    /// Wall time of this slice's jobs.
    public var wallSeconds: Double

    public init(
        file: String, variant: VariantName, firstRuns: [FirstRun] = [], reruns: [RerunChain] = [],
        heldOut: [HeldOutRun]? = nil, wallSeconds: Double = 0
    ) {
        self.file = file
        self.variant = variant
        self.firstRuns = firstRuns
        self.reruns = reruns
        self.heldOut = heldOut
        self.wallSeconds = wallSeconds
    }

    /// One seed's first run; `workloadSeconds` is nil when its worker died (no workload time was measured).
    public struct FirstRun: Codable, Sendable, Equatable {
        public var record: SeedRecord
        public var workloadSeconds: Double?

        public init(record: SeedRecord, workloadSeconds: Double?) {
            self.record = record
            self.workloadSeconds = workloadSeconds
        }

        enum CodingKeys: String, CodingKey {
            case record
            case workloadSeconds = "workload_seconds"
        }
    }

    /// The reruns of one failed seed after one candidate delay (`rerun.delays[delayIndex]`), in order, stopping at
    /// the first pass; true for a rerun that passed.
    public struct RerunChain: Codable, Sendable, Equatable {
        public var seed: UInt64
        public var delayIndex: Int
        public var results: [Bool]

        public init(seed: UInt64, delayIndex: Int, results: [Bool]) {
            self.seed = seed
            self.delayIndex = delayIndex
            self.results = results
        }

        enum CodingKeys: String, CodingKey {
            case seed, results
            case delayIndex = "delay_index"
        }
    }

    /// One held-out seed: its first run's failure kind (nil: passed) and, for a transient failure, its rerun chain
    /// after every candidate delay (`chains[delayIndex]`, up to `max_reruns` long), from which any policy's outcome
    /// on the seed can be read.
    public struct HeldOutRun: Codable, Sendable, Equatable {
        public var seed: UInt64
        public var failure: FailureKind?
        public var chains: [[Bool]]

        public init(seed: UInt64, failure: FailureKind?, chains: [[Bool]]) {
            self.seed = seed
            self.failure = failure
            self.chains = chains
        }
    }

    enum CodingKeys: String, CodingKey {
        case file, variant, reruns
        case firstRuns = "first_runs"
        case heldOut = "held_out"
        case wallSeconds = "wall_seconds"
    }

    /// This slice and `other`, of the same variant, as one.
    public func adding(_ other: VariantSweepData) -> VariantSweepData {
        precondition(file == other.file && variant == other.variant, "only slices of one variant add up")
        var sum = self
        sum.firstRuns += other.firstRuns
        sum.reruns += other.reruns
        // Held-out seeds count only where every slice ran them (see `SweepPlan.assemble`).
        sum.heldOut = heldOut.flatMap { mine in other.heldOut.map { mine + $0 } }
        sum.wallSeconds += other.wallSeconds
        return sum
    }
}
