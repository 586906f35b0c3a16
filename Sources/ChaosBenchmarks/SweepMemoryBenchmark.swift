import ChaosNet
import Scenarios

/// How a long sweep's memory grows: one process runs seeds of one scenario variant one after another, as a worker
/// does, and reads its peak resident set size after `seeds` and after `seeds × factor` seeds. A sweep that frees what
/// each seed built stays flat; one that leaks grows by the same amount per seed.
public enum SweepMemoryBenchmark {
    public struct Result: Sendable {
        public var seeds: Int
        public var totalSeeds: Int
        public var peakBytesAfterSeeds: Int
        public var peakBytesAfterTotal: Int
        public var failures: Int
        public var wallSeconds: Double

        /// Bytes of peak RSS added per seed between the two readings.
        public var growthBytesPerSeed: Double {
            Double(peakBytesAfterTotal - peakBytesAfterSeeds) / Double(max(1, totalSeeds - seeds))
        }
    }

    public static func run(runner: ScenarioRunner, variant: VariantName, seeds: Int, factor: Int) -> Result {
        let clock = ContinuousClock()  // determinism: ok (wall time of the benchmark, outside any simulation)
        let start = clock.now
        var failures = 0
        var afterSeeds = 0
        let total = seeds * factor
        for seed in 1...total {
            if !runner.run(seed: UInt64(seed), variant: variant).record.passed { failures += 1 }
            if seed == seeds { afterSeeds = ProcessMemory.peakResidentBytes() ?? 0 }
        }
        return Result(
            seeds: seeds, totalSeeds: total, peakBytesAfterSeeds: afterSeeds,
            peakBytesAfterTotal: ProcessMemory.peakResidentBytes() ?? 0, failures: failures,
            wallSeconds: (clock.now - start).secondsDouble)
    }
}
