import ChaosNet
import Scenarios

/// Recorded retrievals per wall second: seeds of an egress scenario, one after another on this thread, counting each
/// response that sent data and whose receipt the seed found durable at the end (served minus lost, from the driver's
/// own figures, so a variant that loses receipts is not credited for them).
public enum EgressBenchmark {
    public struct Result: Sendable {
        public var seeds: Int
        public var failures: Int
        public var offered: Int
        public var recorded: Int
        public var wallSeconds: Double
        public var virtualSeconds: Double
        public var recordedPerWallSecond: Double { Double(recorded) / wallSeconds }
        /// Virtual seconds simulated per wall second.
        public var timeCompression: Double { virtualSeconds / wallSeconds }
    }

    public static func run(runner: ScenarioRunner, variant: VariantName, seeds: Int) -> Result {
        let clock = ContinuousClock()  // determinism: ok (wall time of the benchmark, outside any simulation)
        let start = clock.now
        var result = Result(seeds: seeds, failures: 0, offered: 0, recorded: 0, wallSeconds: 0, virtualSeconds: 0)
        for seed in 1...UInt64(seeds) {
            let record = runner.run(seed: seed, variant: variant).record
            if !record.passed { result.failures += 1 }
            let requests = record.figures.counters["requests"] ?? [:]
            let lost = record.figures.counters["receipts"]?["lost"] ?? 0
            result.offered += requests["offered"] ?? 0
            result.recorded += max(0, (requests["served"] ?? 0) - lost)
            result.virtualSeconds += record.virtualSeconds
        }
        result.wallSeconds = (clock.now - start).secondsDouble
        return result
    }
}
