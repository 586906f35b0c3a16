import ChaosNet
import Foundation
import Scenarios
import Testing
import Triage

/// The crash-consistency check: one seed, crashed once at every operation that changes the disk.
@Suite("Crash-point sweeps")
struct CrashPointSweepTests {
    /// The shipped download-queue scenario, shrunk to 4 + 1 documents and ten minutes so that every crash point of a
    /// seed runs in a fraction of a second; its storage volume keeps directory entries only once synced.
    static func runner() throws -> ScenarioRunner {
        let text = try smallQueue(documents: 4, runFor: "10m")
        return try ScenarioRunner(scenario: ScenarioLoader.parse(text, path: "queue.yaml"), file: "queue.yaml")
    }

    /// The shipped download-queue scenario with `documents` valid documents, one invalid, and a shorter run.
    static func smallQueue(documents: Int, runFor: String) throws -> String {
        let path = ChaosRunBinary.packageRoot.appendingPathComponent("scenarios/download-queue-retry.yaml").path
        return try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "documents: 20", with: "documents: \(documents)")
            .replacingOccurrences(of: "invalid_documents: 3", with: "invalid_documents: 1")
            .replacingOccurrences(of: "run_for: 2h", with: "run_for: \(runFor)")
    }

    @Test("the robust queue keeps every invariant whichever operation the power is lost at",
          arguments: [1, 2] as [UInt64])
    func robustSurvivesEveryCrashPoint(seed: UInt64) throws {
        let sweep = try Self.runner().crashPoints(seed: seed, variant: .robust)
        #expect(sweep.clean.passed)
        #expect(sweep.operations > 60, "4 enqueues and 5 downloads, each a durable replace: \(sweep.operations)")
        #expect(sweep.broken.isEmpty, "seed \(seed): \(sweep.broken.map { "\($0.point) \($0.operation)" })")
    }

    @Test("the naive queue loses acknowledged entries at every crash point")
    func naiveLosesEntries() throws {
        let sweep = try Self.runner().crashPoints(seed: 1, variant: .naive)
        #expect(sweep.operations > 0)
        #expect(sweep.broken.count == sweep.operations)
        #expect(sweep.broken.allSatisfy { $0.failure.signature.hasSuffix(":no_lost_entries") })
        #expect(sweep.broken.first?.operation.hasPrefix("createDirectory /claims") == true, "\(sweep.broken.first!)")
    }

    @Test("the same seed's crash points are the same in every run")
    func deterministic() throws {
        let first = try Self.runner().crashPoints(seed: 3, variant: .naive)
        let again = try Self.runner().crashPoints(seed: 3, variant: .naive)
        #expect(first.operations == again.operations)
        #expect(first.broken.map(\.operation) == again.broken.map(\.operation))
    }

    @Test("a component its driver does not restart has no crash points")
    func needsRestart() throws {
        let runner = try ScenarioRunner(path: ChaosRunBinary.packageRoot.appendingPathComponent(
            "scenarios/ipfs-download-timeout.yaml").path)
        #expect(throws: ScenarioRunError.self) { try runner.crashPoints(seed: 1, variant: .robust) }
    }

    @Test("chaos-run crash-points exits 0 when no crash point breaks an invariant and 1 when one does")
    func command() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("queue.yaml", Self.smallQueue(documents: 2, runFor: "5m"))
        let robust = try ChaosRunBinary.run(["crash-points", scenario, "--seed", "1", "--variant", "robust"])
        #expect(robust.status == 0, "\(robust.standardOutput)\(robust.standardError)")
        #expect(robust.standardOutput.contains("crashed at each: 0 broke an invariant"))
        let naive = try ChaosRunBinary.run(
            ["crash-points", scenario, "--seed", "1", "--variant", "naive", "--show", "1"])
        #expect(naive.status == 1)
        #expect(naive.standardOutput.contains("  crash at operation 1 (createDirectory /claims): [damaging] "))
        let other = try ChaosRunBinary.run(["crash-points", "scenarios/ipfs-download-timeout.yaml", "--seed", "1"])
        #expect(other.status == 2)
        #expect(other.standardError.contains("does not restart it after a power loss"), "\(other.standardError)")
    }
}
