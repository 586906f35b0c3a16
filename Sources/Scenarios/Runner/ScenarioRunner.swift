import ChaosNet
import Triage

/// Runs a scenario's workload in one simulated world per seed and classifies what happened.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "scenarios/ipfs-download-timeout.yaml")
/// let runner = try ScenarioRunner(scenario: scenario)
/// let run = runner.run(seed: 7, variant: .robust)
/// #expect(run.record.passed)
/// ```
///
/// The fixtures (the registry's packages) are built once, in `init`; each `run` builds a fresh world around them, so
/// the same seed gives the same result and trace digest in any process. Not thread-safe: one runner per thread.
public final class ScenarioRunner: @unchecked Sendable {
    public let scenario: ScenarioFile
    let fixtures: ScenarioFixtures

    public init(scenario: ScenarioFile) throws(ScenarioRunError) {
        self.scenario = scenario
        let component = scenario.workload.component
        if component != .downloadQueue, scenario.fileSystemFaults.contains(where: { $0.kind == .crash }) {
            throw ScenarioRunError(
                scenario: scenario.name,
                message: "crash faults need a component that restarts after a power loss (download-queue)")
        }
        fixtures = try ScenarioFixtures(scenario: scenario)
        if component != .downloadQueue, fixtures.package(named: scenario.workload.package) == nil {
            throw ScenarioRunError(
                scenario: scenario.name,
                message: "the \(component.rawValue) workload needs a registry package"
                    + (scenario.workload.package.map { " named '\($0)'" } ?? ""))
        }
    }

    /// Runs one seed of `variant`. With `rerunAfter`, a seed whose failure is transient waits that long in the same
    /// world (faults keep their schedule) and runs the workload again; `SeedRun.rerunPassed` says how that went.
    /// `traceCapacity` keeps that many trace events for a timeline (the digest covers every event regardless).
    public func run(
        seed: UInt64, variant: ComponentVariant, rerunAfter: Duration? = nil, traceCapacity: Int = 0
    ) -> SeedRun {
        let scenario = self.scenario
        let fixtures = self.fixtures
        let invariants = Set(scenario.invariants.isEmpty ? scenario.workload.component.invariants : scenario.invariants)
        let configuration = SimulationConfiguration(
            timeLimit: scenario.timeLimit + (rerunAfter ?? .zero), traceCapacity: traceCapacity)
        let box = RunBox()
        let result = Simulation(seed: seed, configuration: configuration).run { simulation in
            let world = try ScenarioWorld(simulation: simulation, scenario: scenario, fixtures: fixtures)
            let workload = Self.makeWorkload(world: world, variant: variant)
            let jitter = scenario.workload.startJitter.nanosecondsClamped
            if jitter > 0 {
                let random = simulation.random("workload.start")
                let offset = Int64(random.unitInterval() * Double(jitter))
                try await simulation.clock.sleep(for: .nanoseconds(offset))
            }
            simulation.trace("workload", "\(scenario.workload.component.rawValue) (\(variant.rawValue)) starts")
            let start = simulation.now
            let failure = await workload.perform(pass: 0)
            box.workloadSeconds = start.duration(to: simulation.now).secondsDouble
            let violations = await workload.violations().filter { invariants.contains($0.invariant) }
            for violation in violations { simulation.trace("invariant", violation.message) }
            if let delay = rerunAfter, failure != nil, violations.isEmpty {
                try await simulation.clock.sleep(for: delay)
                simulation.trace("workload", "rerun after \(delay.formattedSeconds)")
                let again = await workload.perform(pass: 1)
                let afterwards = await workload.violations().filter { invariants.contains($0.invariant) }
                box.rerunPassed = again == nil && afterwards.isEmpty
            }
            world.shutDown()
            return FailureClassifier.WorkloadReport(failure: failure, violations: violations)
        }
        let failure = FailureClassifier.classify(
            component: scenario.workload.component, outcome: result.outcome, value: result.value)
        let record = SeedRecord(
            seed: seed, failure: failure, virtualSeconds: result.virtualTime.secondsDouble,
            digest: result.digest.description)
        return SeedRun(
            record: record, workloadSeconds: box.workloadSeconds,
            rerunPassed: failure?.kind == .transient ? box.rerunPassed : nil,
            summaryLines: result.summaryLines, trace: result.trace.events)
    }

    static func makeWorkload(world: ScenarioWorld, variant: ComponentVariant) -> any ScenarioWorkload {
        switch world.scenario.workload.component {
        case .serviceManager:
            ServiceCreationWorkload(world: world, variant: variant, package: world.package)
        case .downloader:
            DownloadWorkload(world: world, variant: variant, package: world.package)
        case .downloadQueue:
            DownloadQueueWorkload(world: world, variant: variant)
        }
    }
}

/// What the root task found out beyond its return value; touched only on the simulation's thread.
private final class RunBox: @unchecked Sendable {
    var workloadSeconds = 0.0
    var rerunPassed: Bool?
}

extension ScenarioWorld {
    /// The package the workload fetches (checked to exist when the runner was made).
    var package: IPFSPackage {
        guard let package = fixtures.package(named: scenario.workload.package) else {
            preconditionFailure("ScenarioRunner.init checks that the workload's package exists")
        }
        return package
    }
}
