import ChaosNet
import Foundation
import ChaosComponents
import Scenarios
import Testing
import Triage

/// The shipped scenario files, loaded and swept through the Swift API as a test author would.
@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    static func load(_ name: String) throws -> ScenarioRunner {
        let path = ChaosRunBinary.packageRoot.appendingPathComponent("scenarios/\(name).yaml").path
        return try ScenarioRunner(scenario: ScenarioLoader.load(path: path))
    }

    @Test("ipfs-download-timeout over seeds 1–60: naive is damaging (500, partial directory, burned id); robust is not")
    func ipfsDownloadTimeout() throws {
        let runner = try Self.load("ipfs-download-timeout")
        let naive = ScenarioReport(runner.sweep(variant: .naive, seeds: 1..<61))
        #expect(naive.verdict == .damaging)
        #expect(naive.policy.action == .fix)
        #expect(naive.failed > 0)
        #expect(naive.signatures.allSatisfy { $0.kind == .damaging })
        let timeout = try #require(naive.signatures.first { $0.id.contains(":500:read_timeout:") })
        #expect(timeout.id.hasSuffix(":no_burned_ids+no_escaped_errors+no_partial_directories"))
        #expect(naive.blindPolicy.hidesDamage)
        let robust = ScenarioReport(runner.sweep(variant: .robust, seeds: 1..<61))
        #expect(robust.verdict == .stable || robust.verdict == .flaky)
        #expect(robust.signatures.allSatisfy { $0.kind == .transient })
        #expect(robust.failureRate < naive.failureRate)
    }

    @Test("service-create-cleanup: naive leaves damage, robust fails only transiently, over seeds 1–40")
    func serviceCreateCleanup() throws {
        let runner = try Self.load("service-create-cleanup")
        let naive = ScenarioReport(runner.sweep(variant: .naive, seeds: 1..<41))
        #expect(naive.verdict == .damaging)
        let robust = ScenarioReport(runner.sweep(variant: .robust, seeds: 1..<41))
        #expect(robust.signatures.allSatisfy { $0.kind == .transient }, "\(robust.signatures.map(\.id))")
        #expect(robust.expectation?.met == true)
    }

    @Test("download-queue-retry: the naive queue loses entries at a power loss, the robust one nothing")
    func downloadQueueRetry() throws {
        let runner = try Self.load("download-queue-retry")
        let naive = ScenarioReport(runner.sweep(variant: .naive, seeds: 1..<6))
        #expect(naive.verdict == .damaging)
        #expect(naive.signatures.contains { $0.id.hasSuffix(":no_lost_entries") })
        let robust = ScenarioReport(runner.sweep(variant: .robust, seeds: 1..<11))
        #expect(robust.verdict == .stable, "\(robust.signatures.map(\.summary))")
    }

    @Test("the robust queue really goes through power losses and SOFT and HARD failures")
    func downloadQueueExercisesFaults() throws {
        let runner = try Self.load("download-queue-retry")
        let run = runner.run(seed: 2, variant: .robust, traceCapacity: 1_000_000)
        #expect(run.record.passed)
        let messages = run.trace.map(\.message)
        #expect(messages.contains("power lost"))
        let settled = try #require(messages.last { $0.hasPrefix("queue settled; failures by reason: ") })
        #expect(settled.contains("INVALID_JSON 3"), "\(settled)")
    }

    @Test("a transient robust failure of ipfs-download-timeout is measured: reruns in the same world")
    func rerunEvidence() throws {
        let runner = try Self.load("ipfs-download-timeout")
        // Find a robust failure among the scenario's own seeds, then check that its reruns are measured per delay.
        let failing = try #require((1...UInt64(runner.scenario.seedCount)).lazy.first {
            runner.run(seed: $0, variant: .robust).record.failure?.kind == .transient
        })
        let sweep = runner.sweep(variant: .robust, seeds: failing..<(failing + 1))
        let evidence = try #require(sweep.rerunEvidence)
        #expect(evidence.failureRate == 1)
        #expect(evidence.rerunFailureRates.map(\.delaySeconds) == [0, 1, 5, 15, 30, 60, 120])
        #expect(evidence.rerunFailureRates.allSatisfy { $0.trials == 1 })
        // The file's real_errors name the real client's errors for every transient signature the sweep found, so an
        // exported marker can restrict its reruns to them.
        let policy = ScenarioReport(sweep).policy
        #expect(!policy.rerunSignatures.isEmpty)
        let real = RealErrorPattern.resolve(policy.rerunSignatures, in: runner.scenario.rerun.realErrors)
        #expect(real.unmapped.isEmpty, "no real_errors for \(real.unmapped)")
        #expect(real.patterns.contains("^ReadTimeoutError: .*Read timed out"))
    }
}
