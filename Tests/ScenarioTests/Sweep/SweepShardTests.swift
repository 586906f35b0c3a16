import Foundation
import Scenarios
import Testing
import Triage

/// Sharding in process: the slices are disjoint and cover the sweep, and their data adds up to the whole sweep's
/// report, held-out validation included, whatever the number of shards.
@Suite("Sweep shards")
struct SweepShardTests {
    @Test("K/N is parsed with its range; offsets are dealt round-robin, each to exactly one shard")
    func parsing() throws {
        #expect(try SweepShard.parse("2/3").get() == SweepShard(index: 2, count: 3))
        for bad in ["", "3", "0/3", "4/3", "1/0", "a/b", "1/2/3", "-1/2", "1/10001"] {
            #expect(throws: SweepShard.ParseError.self, "\(bad)") { try SweepShard.parse(bad).get() }
        }
        let shards = (1...3).map { SweepShard(index: $0, count: 3) }
        for offset in UInt64(0)..<30 {
            #expect(shards.filter { $0.contains(offset: offset) }.map(\.index) == [Int(offset % 3) + 1])
        }
        #expect(SweepShard.whole.contains(offset: 12345))
    }

    @Test(
        "shards of the episodic world, combined, give the whole sweep's report.json apart from wall time",
        arguments: [2, 3, 7])
    func shardsAddUp(count: Int) throws {
        let text = EpisodicFetch.scenarioText(seeds: 90, validationSeeds: 40)
        let scenario = try ScenarioLoader.parse(text, path: "episodic.yaml", drivers: EpisodicFetch.drivers)
        let runner = try ScenarioRunner(scenario: scenario, drivers: EpisodicFetch.drivers, file: "episodic.yaml")
        let plan = SweepPlan(targets: [SweepPlan.Target(runner: runner)])
        let whole = try plan.run(on: plan.inProcessExecutor)
        var slices: [VariantSweepData] = []
        for index in 1...count {
            let shard = try plan.run(on: plan.inProcessExecutor, shard: SweepShard(index: index, count: count))
            #expect(shard.data[0].firstRuns.allSatisfy {
                SweepShard(index: index, count: count).contains(offset: $0.record.seed - 1)
            })
            slices += shard.data
        }
        let combined = try plan.combine(slices).get()
        #expect(combined[0].firstRuns.count == 90)
        let merged = Report(sweeps: plan.assemble(combined))
        let single = Report(sweeps: whole.sweeps)
        #expect(single.scenarios[0].policyValidation != nil, "the whole sweep validates its policy")
        func withoutWall(_ report: Report) throws -> String {
            String(decoding: try report.jsonData(), as: UTF8.self).split(separator: "\n")
                .filter { !$0.contains("\"wall_seconds\"") }.joined(separator: "\n")
        }
        #expect(try withoutWall(merged) == withoutWall(single))
    }

    @Test("the partial report round-trips, and a set of them is checked before anything is merged")
    func shardSetCheck() throws {
        func report(_ index: Int, of count: Int = 2, version: String = "1", variant: VariantName? = nil,
                    sha: String = "ab") -> (path: String, report: SweepShardReport) {
            ("s\(index).json", SweepShardReport(
                toolVersion: version, shard: SweepShard(index: index, count: count), firstSeed: 1, seeds: nil,
                variant: variant, files: [.init(path: "a.yaml", sha256: sha)], variants: [], interrupted: false))
        }
        let decoded = try JSONDecoder().decode(SweepShardReport.self, from: report(1).report.jsonData())
        #expect(decoded == report(1).report)
        #expect(try ShardSetCheck.check([report(2), report(1)]).get().map(\.report.shard.index) == [1, 2])
        func refusal(_ set: [(path: String, report: SweepShardReport)]) -> String {
            guard case let .failure(refusal) = ShardSetCheck.check(set) else { return "accepted" }
            return refusal.message
        }
        #expect(refusal([]) == "no partial report (shard-K-of-N.json) to merge")
        #expect(refusal([report(1), report(2, version: "2")])
            == "s2.json: was run by version 2, but s1.json has 1: shards of different sweeps")
        #expect(refusal([report(1), report(2, variant: "robust")])
            == "s2.json: ran variant robust, but s1.json has every variant: shards of different sweeps")
        #expect(refusal([report(1), report(2, sha: "cd")]).hasPrefix("s2.json: swept a.yaml (sha256 cd…)"))
        #expect(refusal([report(1), report(2, of: 3)])
            == "s2.json: is a shard of 3, but s1.json has 2: shards of different sweeps")
    }
}
