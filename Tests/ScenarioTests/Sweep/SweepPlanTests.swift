import ChaosNet
import Foundation
import Scenarios
import Testing
import Triage

/// The sweep plan on its own: jobs in, sweeps out, whatever executes the jobs.
@Suite("Sweep plan")
struct SweepPlanTests {
    /// Answers every job from a script (by seed) instead of running it, and records what it was asked.
    final class ScriptedExecutor: SweepExecutor, @unchecked Sendable {
        var outcome: (SweepJob) -> SweepJobOutcome?
        private(set) var phases: [[SweepJob]] = []

        init(_ outcome: @escaping (SweepJob) -> SweepJobOutcome?) {
            self.outcome = outcome
        }

        func execute(_ jobs: [SweepJob], events: SweepEvents) throws -> [SweepJobOutcome?] {
            phases.append(jobs)
            return jobs.enumerated().map { index, job in
                events.started(index)
                guard let result = outcome(job) else { return nil }
                events.finished(index, result)
                return result
            }
        }
    }

    static func runner() throws -> ScenarioRunner {
        try ScenarioRunner(path: "scenarios/ipfs-download-timeout.yaml")
    }

    static func passed(_ job: SweepJob) -> SweepJobOutcome {
        .finished(SweepJobResult(
            record: SeedRecord(seed: job.seed, digest: "d\(job.seed)"), workloadSeconds: 1, rerunPassed: nil,
            trace: nil, error: nil))
    }

    @Test("phase 1 runs every seed of every variant, in order; a dead worker's seed becomes the driver's crash")
    func crashesAreClassified() throws {
        let executor = ScriptedExecutor { job in
            job.seed == 3 && job.variant == .robust
                ? .crashed(
                    cause: "the worker died of signal 4",
                    summary: "the worker died of signal 4 (SIGILL, a Swift runtime trap)", detail: "trap")
                : Self.passed(job)
        }
        let plan = SweepPlan(targets: [SweepPlan.Target(runner: try Self.runner())], seedCount: 4, firstSeed: 2)
        let outcome = try plan.run(on: executor)
        #expect(executor.phases.count == 1, "a crash is never rerun, so no q(d) is measured")
        #expect(executor.phases[0].map(\.seed) == [2, 3, 4, 5, 2, 3, 4, 5])
        let variants: [VariantName] = [.naive, .naive, .naive, .naive, .robust, .robust, .robust, .robust]
        #expect(executor.phases[0].map(\.variant) == variants)
        #expect(outcome.sweeps.map(\.variant) == ["naive", "robust"])
        let crash = try #require(outcome.sweeps[1].records.first { $0.seed == 3 }?.failure)
        #expect(crash.kind == .crash)
        #expect(crash.signature == "crash:service-manager:the worker died of signal 4")
        let report = ScenarioReport(outcome.sweeps[1])
        #expect(report.signatures.first?.replay
            == "chaos-run replay scenarios/ipfs-download-timeout.yaml --seed 3 --variant robust")
    }

    @Test("a sweep starts at the file's first_seed unless the plan says otherwise")
    func firstSeedFromTheFile() throws {
        var scenario = try Self.runner().scenario
        scenario.firstSeed = 7
        let runner = try ScenarioRunner(scenario: scenario, file: "scenarios/ipfs-download-timeout.yaml")
        let fromFile = ScriptedExecutor(Self.passed)
        let outcome = try SweepPlan(targets: [SweepPlan.Target(runner: runner, variants: [.robust])], seedCount: 3)
            .run(on: fromFile)
        #expect(fromFile.phases[0].map(\.seed) == [7, 8, 9])
        #expect(outcome.sweeps[0].firstSeed == 7)
        let told = ScriptedExecutor(Self.passed)
        _ = try SweepPlan(targets: [SweepPlan.Target(runner: runner, variants: [.robust])], seedCount: 2, firstSeed: 1)
            .run(on: told)
        #expect(told.phases[0].map(\.seed) == [1, 2])
    }

    @Test("a job that could not run stops the sweep with its file and seed")
    func jobErrors() throws {
        let executor = ScriptedExecutor { job in
            job.seed == 2 ? .finished(.failed("the file no longer loads")) : Self.passed(job)
        }
        let plan = SweepPlan(targets: [SweepPlan.Target(runner: try Self.runner(), variants: [.naive])], seedCount: 3)
        #expect {
            try plan.run(on: executor)
        } throws: { error in
            "\(error)" == "scenarios/ipfs-download-timeout.yaml: seed 2: the file no longer loads"
        }
    }

    @Test("jobs the executor did not run leave the variant incomplete")
    func interruption() throws {
        let executor = ScriptedExecutor { job in job.seed <= 2 ? Self.passed(job) : nil }
        let plan = SweepPlan(targets: [SweepPlan.Target(runner: try Self.runner(), variants: [.robust])], seedCount: 5)
        let outcome = try plan.run(on: executor, isInterrupted: { true })
        #expect(outcome.interrupted)
        #expect(outcome.sweeps[0].incomplete)
        #expect(outcome.sweeps[0].records.map(\.seed) == [1, 2])
    }

    @Test("transient failures get reruns at every candidate delay, and their results become q(d)")
    func rerunPhase() throws {
        let transient = SeedFailure(
            kind: .transient, signature: "transient:service-manager:503:http_503", summary: "503")
        let executor = ScriptedExecutor { job in
            guard job.seed == 4 || job.rerunAfterNanoseconds != nil else { return Self.passed(job) }
            let record = SeedRecord(seed: job.seed, failure: transient)
            // Reruns right after the failure fail; from 30 s on they pass.
            let passed = job.rerunAfterNanoseconds.map { $0 >= 30_000_000_000 }
            return .finished(SweepJobResult(
                record: record, workloadSeconds: 2, rerunPassed: passed, trace: nil, error: nil))
        }
        let plan = SweepPlan(targets: [SweepPlan.Target(runner: try Self.runner(), variants: [.robust])], seedCount: 10)
        let outcome = try plan.run(on: executor)
        #expect(executor.phases.count == 2)
        #expect(executor.phases[1].map(\.seed) == Array(repeating: 4, count: 7))
        let evidence = try #require(outcome.sweeps[0].rerunEvidence)
        #expect(evidence.rerunFailureRates.map(\.delaySeconds) == [0, 1, 5, 15, 30, 60, 120])
        #expect(evidence.rerunFailureRates.map(\.failureRate) == [1, 1, 1, 1, 0, 0, 0])
        #expect(evidence.failureRate == 0.1)
    }

    @Test(
        "the in-process sweep and chaos-run's worker processes give the same report.json, apart from wall time",
        arguments: [
            (seeds: 12, target: "0.1%"),
            // A target the robust variant meets without reruns: its policy is validated on 40 held-out seeds.
            (seeds: 40, target: "20%"),
        ])
    func inProcessMatchesWorkers(seeds: Int, target: String) throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write(
            "small.yaml", ScenarioFixtureFiles.smallDownload(seeds: seeds, rerunTarget: target))
        let output = try ChaosRunBinary.run(["run", scenario, "--jobs", "2", "--report", files.path("r"), "--quiet"])
        #expect(output.status == 0, "\(output.standardError)")
        let runner = try ScenarioRunner(path: scenario)
        let plan = SweepPlan(targets: [SweepPlan.Target(runner: runner)])
        let inProcess = Report(sweeps: try plan.run(on: plan.inProcessExecutor).sweeps)
        if seeds == 40 {
            let robust = try #require(inProcess.scenarios.last)
            #expect(robust.policyValidation?.seeds == 40, "\(robust.policy.reason)")
        }
        func withoutWallTime(_ data: Data) -> String {
            String(decoding: data, as: UTF8.self).split(separator: "\n")
                .filter { !$0.contains("\"wall_seconds\"") }.joined(separator: "\n")
        }
        let fromWorkers = try Data(contentsOf: URL(fileURLWithPath: files.path("r/report.json")))
        #expect(withoutWallTime(try inProcess.jsonData()) == withoutWallTime(fromWorkers))
    }
}
