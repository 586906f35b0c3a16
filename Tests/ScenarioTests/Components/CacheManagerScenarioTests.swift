import ChaosComponents
import ChaosNet
import Scenarios
import Testing
import Triage

/// The shipped cache scenarios, a few seeds each through the Swift API (the 1,000-seed sweeps are `chaos-run run`'s).
@Suite("Cache scenarios")
struct CacheManagerScenarioTests {
    static func load(_ name: String) throws -> ScenarioRunner {
        try ShippedScenarioTests.load(name)
    }

    @Test("ci-cache-nfs: every naive seed loses the tablespace, trips on EACCES and misses the block log; robust holds")
    func incident() throws {
        let runner = try Self.load("ci-cache-nfs")
        for seed in UInt64(1)...4 {
            let naive = runner.run(seed: seed, variant: .naive).record
            let signature = try #require(naive.failure?.signature)
            #expect(signature.hasSuffix(
                ":block_log_found+no_permission_errors+restored_tree_matches+tablespaces_resolve")
                || signature.contains("job_within_timeout"), "\(signature)")
            #expect(naive.failure?.detail.contains("The database subdirectory") == true
                || naive.failure?.detail.contains("does not resolve") == true)
            let robust = runner.run(seed: seed, variant: .robust).record
            #expect(robust.passed, "\(robust.failure?.detail ?? "")")
            // A save that fit restores from the archive; one skipped for the budget is a miss, not damage.
            if robust.figures.counters["put"]?["saved_to_nfs"] == 1 {
                #expect(robust.figures.counters["get"]?["archive"] == 1)
            } else {
                #expect(robust.figures.counters["put"]?["skipped"] == 1)
                #expect(robust.figures.counters["get"]?["miss"] == 1)
            }
            #expect(robust.figures.counters["nfs_operations"]?["COMMIT"] ?? 0 <= 2)
        }
    }

    @Test("the same seed gives the same trace digest, run after run")
    func deterministic() throws {
        let runner = try Self.load("ci-cache-faults")
        for variant in [VariantName.naive, .robust] {
            let first = runner.run(seed: 7, variant: variant).record
            let second = runner.run(seed: 7, variant: variant).record
            #expect(first.digest == second.digest)
            #expect(first.figures == second.figures)
        }
    }

    @Test("ci-cache-faults: the robust manager never damages and takes more than one way to restore")
    func faults() throws {
        let runner = try Self.load("ci-cache-faults")
        var gets: Set<String> = []
        var puts: Set<String> = []
        for seed in UInt64(1)...12 {
            let record = runner.run(seed: seed, variant: .robust).record
            #expect(record.failure?.kind != .damaging, "seed \(seed): \(record.failure?.detail ?? "")")
            gets.formUnion(record.figures.counters["get"]?.keys ?? [:].keys)
            puts.formUnion(record.figures.counters["put"]?.keys ?? [:].keys)
        }
        #expect(gets.count >= 2, "\(gets)")
        #expect(puts.count >= 2, "\(puts)")
    }
}
