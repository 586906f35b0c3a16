import ChaosNet
import Triage

/// A scenario: one world (hosts, registry, links, faults), one workload run in it by each declared variant, the
/// invariants that must hold afterwards, what a sweep is expected to find, and the rerun policies to evaluate.
///
/// Scenario files (`scenarios/*.yaml`, format in `scenarios/README.md`) load into this value with
/// `ScenarioLoader`; Swift code can also build one directly, with the same defaults as the file format.
public struct ScenarioFile: Sendable, Equatable {
    /// Short kebab-case name, used in reports and replay commands.
    public var name: String
    /// One sentence for `chaos-run list` and reports.
    public var description: String
    /// Seeds a sweep runs when the command line does not say (`--seeds`).
    public var seedCount: Int
    /// The seed a sweep starts from when the command line does not say (`--first-seed`); nil means 1. A file that
    /// reproduces one seed (what `chaos-run shrink` writes) names it here.
    public var firstSeed: UInt64?
    /// Virtual time after which a seed stops with a `timeout` outcome.
    public var timeLimit: Duration
    /// How the kernel picks among ready jobs: the seeded random walk, or PCT.
    public var schedule: ScheduleStrategy
    /// Whether timers due at one instant wake one at a time (the default) or together (`schedule: {timers: ...}`).
    public var timerWakeups: TimerWakeups
    public var topology: TopologySpec
    /// Conditions of the links between hosts; pairs not listed use `TopologySpec.defaultLink`.
    public var links: [LinkSpec]
    /// Network and HTTP faults, in the order the network consults them.
    public var faults: [Fault]
    /// The component host's file system: its durability model, at the root and below mounts.
    public var fileSystem: FileSystemSpec
    public var fileSystemFaults: [FileSystemFault]
    public var workload: WorkloadSpec
    /// The invariants checked after every seed; empty means every invariant the component's driver declares.
    public var invariants: [InvariantName]
    /// What a sweep of each variant must find; variants without an entry have no expectation.
    public var expectations: [VariantExpectation]
    public var rerun: RerunSpec

    public init(
        name: String, description: String, seedCount: Int = 100, firstSeed: UInt64? = nil,
        timeLimit: Duration = .seconds(3600), schedule: ScheduleStrategy = .randomWalk,
        timerWakeups: TimerWakeups = .oneAtATime,
        topology: TopologySpec = TopologySpec(), links: [LinkSpec] = [], faults: [Fault] = [],
        fileSystem: FileSystemSpec = FileSystemSpec(), fileSystemFaults: [FileSystemFault] = [],
        workload: WorkloadSpec, invariants: [InvariantName] = [],
        expectations: [VariantExpectation] = [], rerun: RerunSpec = RerunSpec()
    ) {
        self.name = name
        self.description = description
        self.seedCount = seedCount
        self.firstSeed = firstSeed
        self.timeLimit = timeLimit
        self.schedule = schedule
        self.timerWakeups = timerWakeups
        self.topology = topology
        self.links = links
        self.faults = faults
        self.fileSystem = fileSystem
        self.fileSystemFaults = fileSystemFaults
        self.workload = workload
        self.invariants = invariants
        self.expectations = expectations
        self.rerun = rerun
    }

    /// The expectation for one variant, if the file states one.
    public func expectation(for variant: VariantName) -> VariantExpectation? {
        expectations.first { $0.variant == variant }
    }
}

/// What a sweep of one variant must find for the run to count as expected (exit code 0).
public struct VariantExpectation: Sendable, Equatable {
    public var variant: VariantName
    /// The highest acceptable failure rate, in 0...1.
    public var maxFailureRate: Double?
    /// The lowest failure rate the sweep must show, in 0...1: a naive variant that reproduces an incident is expected
    /// to fail at the incident's rate, and a sweep that stops finding the failure has lost the reproduction.
    public var minFailureRate: Double?
    /// The highest acceptable rate of damaging failures (broken invariants), in 0...1: a robust variant may fail
    /// transiently under heavy faults, but `0` says it must never leave damage behind.
    public var maxDamagingRate: Double?

    public init(
        variant: VariantName, maxFailureRate: Double? = nil, minFailureRate: Double? = nil,
        maxDamagingRate: Double? = nil
    ) {
        self.variant = variant
        self.maxFailureRate = maxFailureRate
        self.minFailureRate = minFailureRate
        self.maxDamagingRate = maxDamagingRate
    }
}

/// Which rerun policies a sweep evaluates for transient failures (the math is in DESIGN.md).
public struct RerunSpec: Sendable, Equatable {
    /// Candidate delays between a failure and its rerun; q(d) is measured for each by rerunning inside the same world.
    public var delays: [Duration]
    /// The residual failure rate a policy must reach, in 0...1 (default 0.1%).
    public var target: Double
    /// The most reruns a policy may use.
    public var rerunsMax: Int
    /// The usual guess the report compares with: `reruns=2, reruns_delay=5`.
    public var blindReruns: Int
    public var blindDelay: Duration
    /// What a real client shows for each transient signature (`real_errors`): the exported `only_rerun` patterns.
    public var realErrors: [RealErrorPattern]
    /// Held-out seeds the chosen policy is applied to, to check its predicted residual (`validation_seeds`); nil
    /// for the default, as many as the sweep runs but at most `defaultValidationSeedsMax`; 0 turns validation off.
    public var validationSeeds: Int?

    /// The most held-out seeds a validation runs unless the file asks for more.
    public static let defaultValidationSeedsMax = 1000

    public init(
        delays: [Duration] = [0, 1, 5, 15, 30, 60, 120].map { .seconds($0) }, target: Double = 0.001,
        rerunsMax: Int = 5, blindReruns: Int = 2, blindDelay: Duration = .seconds(5),
        realErrors: [RealErrorPattern] = [], validationSeeds: Int? = nil
    ) {
        self.delays = delays
        self.target = target
        self.rerunsMax = rerunsMax
        self.blindReruns = blindReruns
        self.blindDelay = blindDelay
        self.realErrors = realErrors
        self.validationSeeds = validationSeeds
    }

    /// The held-out seeds to validate a policy on, for a sweep of `sweptSeeds` seeds.
    public func validationSeedCount(sweptSeeds: Int) -> Int {
        validationSeeds ?? min(sweptSeeds, Self.defaultValidationSeedsMax)
    }
}
