import ChaosNet
import Triage

/// Runs a scenario's workload in one simulated world per seed and classifies what happened.
///
/// ```swift
/// let runner = try ScenarioRunner(path: "scenarios/ipfs-download-timeout.yaml")
/// let run = runner.run(seed: 7, variant: .robust)
/// #expect(run.record.passed, "\(run)")   // a failed run describes itself: seed, signature, replay
/// ```
///
/// The workload's component is looked up in `drivers`; its fixtures (the registry's packages, the driver's own) are
/// built once, in `init`; each `run` builds a fresh world around them, so the same seed gives the same result and
/// trace digest in any process. Not thread-safe: one runner per thread.
public final class ScenarioRunner: @unchecked Sendable {
    public let scenario: ScenarioFile
    /// The driver of the scenario's component.
    public let driver: any ComponentDriver
    /// The variants a sweep runs: the scenario's, or every variant the driver declares.
    public let variants: [VariantName]
    /// The invariants checked after every seed: the scenario's, or every invariant the driver declares.
    public let invariants: [InvariantName]
    /// The scenario file's path, as replay instructions repeat it (`<in code>` for a scenario built in code).
    public let file: String
    /// How a failed run and a sweep's report word the instruction that replays a seed.
    public let replay: ReplayFormatter
    let fixtures: ScenarioFixtures
    let bound: BoundDriver

    /// A runner of `scenario`, whose component must be one of `drivers`.
    ///
    /// - Parameters:
    ///   - file: where the scenario came from, for replay instructions.
    ///   - replay: how to word them: chaos-run's command by default; a user's runner passes its own
    ///     (`.command("swift run my-chaos")`).
    public init(
        scenario: ScenarioFile, drivers: DriverRegistry = .builtIn, file: String = "<in code>",
        replay: ReplayFormatter = .chaosRun
    ) throws(ScenarioRunError) {
        self.scenario = scenario
        self.file = file
        self.replay = replay
        let component = scenario.workload.component
        guard let driver = drivers.driver(named: component) else {
            throw ScenarioRunError(
                scenario: scenario.name,
                message: "no driver is registered for component '\(component)'; registered: "
                    + drivers.names.joined(separator: ", "))
        }
        self.driver = driver
        if let unmet = UnmetRequirement.first(in: scenario, for: driver) {
            throw ScenarioRunError(scenario: scenario.name, message: unmet.message(component: driver.name))
        }
        let declared = driver.variants
        variants = scenario.workload.variants.isEmpty ? declared : scenario.workload.variants
        if let unknown = variants.first(where: { !declared.contains($0) }) {
            throw ScenarioRunError(
                scenario: scenario.name,
                message: "'\(unknown)' is not a variant of component '\(driver.name)'; its variants: "
                    + declared.map(\.rawValue).joined(separator: ", "))
        }
        let checked = driver.invariants.map(\.name)
        invariants = scenario.invariants.isEmpty ? checked : scenario.invariants
        if let unknown = invariants.first(where: { !checked.contains($0) }) {
            throw ScenarioRunError(
                scenario: scenario.name,
                message: "invariant '\(unknown)' is not one the '\(driver.name)' driver checks")
        }
        fixtures = try ScenarioFixtures(scenario: scenario)
        bound = try BoundDriver(driver, scenario: scenario, fixtures: fixtures)
    }

    /// A runner of `base`'s scenario with `faults` instead of its own, sharing `base`'s fixtures and bound driver,
    /// which are built from the registry and the workload, never from the faults: what a shrinker replays candidate
    /// plans with, without generating and hashing the packages again for each.
    convenience init(_ base: ScenarioRunner, faults: FaultPlanSpec) {
        self.init(base, scenario: faults.applied(to: base.scenario))
    }

    /// A runner of `scenario`, a variation of `base`'s that changes neither its registry nor its workload, with
    /// `base`'s fixtures and bound driver.
    init(_ base: ScenarioRunner, scenario: ScenarioFile) {
        self.scenario = scenario
        driver = base.driver
        variants = base.variants
        invariants = base.invariants
        file = base.file
        replay = base.replay
        fixtures = base.fixtures
        bound = base.bound
    }

    /// Loads the scenario file at `path` with `drivers` and makes its runner. Throws the loader's
    /// `ScenarioFileError` (with `file:line:column`) or a `ScenarioRunError`.
    public convenience init(
        path: String, drivers: DriverRegistry = .builtIn, replay: ReplayFormatter = .chaosRun
    ) throws {
        try self.init(
            scenario: ScenarioLoader.load(path: path, drivers: drivers), drivers: drivers, file: path, replay: replay)
    }

    /// Runs one seed of `variant`, which must be one the driver declares. With `rerunAfter`, a
    /// seed whose failure is transient waits that long in the same world (faults keep their schedule) and runs the
    /// workload again, up to `reruns` times (`rerunAfter` apart, stopping at the first pass, as a CI rerun policy
    /// does); `SeedRun.rerunPassed` and `rerunResults` say how that went. `traceCapacity` keeps that many trace events
    /// for a timeline (the digest covers every event regardless).
    public func run(
        seed: UInt64, variant: VariantName, rerunAfter: Duration? = nil, reruns: Int = 1, traceCapacity: Int = 0,
        powerLosses: ScenarioWorld.PowerLossPlan = .scheduled
    ) -> SeedRun {
        precondition(reruns >= 1, "a rerun chain has at least one rerun")
        precondition(driver.variants.contains(variant), "'\(variant)' is not a variant of '\(driver.name)'")
        let scenario = self.scenario
        let fixtures = self.fixtures
        let bound = self.bound
        let component = driver.name
        let invariants = Set(self.invariants)
        let configuration = SimulationConfiguration(
            timeLimit: scenario.timeLimit + (rerunAfter ?? .zero) * (rerunAfter == nil ? 0 : reruns),
            traceCapacity: traceCapacity, schedule: scenario.schedule, timerWakeups: scenario.timerWakeups)
        let box = RunBox()
        let result = Simulation(seed: seed, configuration: configuration).run { simulation in
            let world = try ScenarioWorld(
                simulation: simulation, scenario: scenario, fixtures: fixtures, powerLosses: powerLosses)
            let workload = try bound.makeWorkload(world: world, variant: variant)
            let jitter = scenario.workload.startJitter.nanosecondsClamped
            if jitter > 0 {
                let random = simulation.random("workload.start")
                let offset = Int64(random.unitInterval() * Double(jitter))
                try await simulation.clock.sleep(for: .nanoseconds(offset))
            }
            simulation.trace("workload", "\(component) (\(variant)) starts")
            let start = simulation.now
            let failure = await workload.perform(pass: 0)
            box.workloadSeconds = start.duration(to: simulation.now).secondsDouble
            // What the checkers do to the disk is not the component's: no crash point falls there, none is counted.
            box.diskChangingOperations = world.fileSystem.diskChangingOperationCount
            box.crashPointOperation = world.crashPointOperation
            world.fileSystem.crashPoint = nil
            let violations = await workload.violations().filter { invariants.contains($0.invariant) }
            for violation in violations { simulation.trace("invariant", violation.message) }
            box.figures = await workload.figures()
            if let delay = rerunAfter, failure != nil, violations.isEmpty {
                for pass in 1...reruns {
                    try await simulation.clock.sleep(for: delay)
                    // The first rerun's event reads as it always has, so its digest stays comparable.
                    let label = pass == 1 ? "rerun" : "rerun \(pass)"
                    simulation.trace("workload", "\(label) after \(delay.formattedSeconds)")
                    let again = await workload.perform(pass: pass)
                    let afterwards = await workload.violations().filter { invariants.contains($0.invariant) }
                    let passed = again == nil && afterwards.isEmpty
                    box.rerunResults.append(passed)
                    // Damage from a rerun ends the chain: a policy never reruns past it.
                    if passed || !afterwards.isEmpty { break }
                }
                box.rerunPassed = box.rerunResults.last == true
            }
            world.shutDown()
            return FailureClassifier.WorkloadReport(failure: failure, violations: violations)
        }
        let failure = FailureClassifier.classify(component: component, outcome: result.outcome, value: result.value)
        let record = SeedRecord(
            seed: seed, failure: failure, virtualSeconds: result.virtualTime.secondsDouble,
            digest: result.digest.description, figures: box.figures)
        return SeedRun(
            variant: variant, record: record,
            replay: replay.instruction(file: file, seed: seed, variant: variant.rawValue),
            workloadSeconds: box.workloadSeconds,
            rerunPassed: failure?.kind == .transient ? box.rerunPassed : nil,
            rerunResults: failure?.kind == .transient ? box.rerunResults : [],
            diskChangingOperations: box.diskChangingOperations, crashPointOperation: box.crashPointOperation,
            summaryLines: result.summaryLines, trace: result.trace.events)
    }
}

/// What the root task found out beyond its return value; touched only on the simulation's thread.
private final class RunBox: @unchecked Sendable {
    var workloadSeconds = 0.0
    var rerunPassed: Bool?
    var rerunResults: [Bool] = []
    var figures = SeedFigures()
    var diskChangingOperations = 0
    var crashPointOperation: String?
}
