import ChaosNet
import Foundation
import Scenarios
import Testing

/// `chaos-run compare-schedules` and the comparison behind it: the same seeds under each strategy.
@Suite("chaos-run compare-schedules", .serialized)
struct ChaosRunCompareSchedulesTests {
    static let scenario = "scenarios/service-create-cleanup.yaml"
    static let strategies: [ScheduleStrategy] = [.randomWalk, .pct(depth: 2, stepEstimate: 5000)]

    static func runner() throws -> ScenarioRunner {
        try ScenarioRunner(path: ChaosRunBinary.packageRoot.appendingPathComponent(scenario).path)
    }

    @Test("each strategy's hits add up to its failed seeds, and its first hit is the first seed that fails so")
    func comparisonMatchesSeedBySeedRuns() throws {
        let runner = try Self.runner()
        let comparison = runner.compareSchedules(Self.strategies, variant: .naive, seeds: 1...12)
        #expect(comparison.failedSeeds.count == 2 && comparison.failedSeeds.allSatisfy { $0 > 0 })
        for (index, strategy) in Self.strategies.enumerated() {
            let hits = comparison.rows.compactMap { $0.hits[index] }
            #expect(hits.map(\.seeds).reduce(0, +) == comparison.failedSeeds[index])
            // Run the first seeds again on their own under this strategy: the first failure is the one reported.
            var file = runner.scenario
            file.schedule = strategy
            let alone = try ScenarioRunner(scenario: file)
            let first = (UInt64(1)...12).lazy.compactMap { seed in
                alone.run(seed: seed, variant: .naive).record.failure.map { (seed, $0.signature) }
            }.first
            let (seed, signature) = try #require(first)
            let row = try #require(comparison.rows.first { $0.signature == signature })
            #expect(row.hits[index]?.firstSeed == seed && row.hits[index]?.seedsToFirst == Int(seed))
        }
    }

    @Test("--json gives each variant's strategies and signatures; a strategy it cannot read is exit code 2")
    func jsonAndBadInput() throws {
        let output = try ChaosRunBinary.run([
            "compare-schedules", Self.scenario, "--variant", "naive", "--seeds", "6", "--strategy", "random_walk",
            "--strategy", "pct:2:5000", "--json",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]])
        let comparison = try #require(document.first)
        #expect(document.count == 1 && comparison["variant"] as? String == "naive")
        let strategies = try #require(comparison["strategies"] as? [[String: Any]])
        #expect(strategies.compactMap { $0["strategy"] as? String } == ["random_walk", "pct:2:5000"])
        let expected = try Self.runner().compareSchedules(Self.strategies, variant: .naive, seeds: 1...6)
        #expect(strategies.compactMap { $0["failed"] as? Int } == expected.failedSeeds)
        let signatures = try #require(comparison["signatures"] as? [[String: Any]])
        #expect(signatures.compactMap { $0["signature"] as? String } == expected.rows.map(\.signature))
        #expect(output.standardError.contains("naive: pct:2:5000 ran 6 seeds"))

        let bad = try ChaosRunBinary.run(["compare-schedules", Self.scenario, "--strategy", "pct:0"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("--strategy"), "\(bad.standardError)")
    }
}
