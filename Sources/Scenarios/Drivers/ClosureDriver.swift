import Triage

/// A driver for the simple case: a name, variants, invariants, and a closure that builds each seed's workload, with
/// no configuration keys of its own. For code that needs scenario-file keys or shared fixtures, write a
/// `ComponentDriver` instead.
///
/// ```swift
/// let drivers = DriverRegistry.builtIn.adding(ClosureDriver(
///     name: "counter", variants: [.naive, .robust],
///     invariants: [InvariantDescriptor("counter_matches", "The stored count is the number of increments.")]
/// ) { world, variant in
///     let counter = Counter(robust: variant == .robust, http: world.client, fileSystem: world.fileSystem)
///     return ClosureWorkload(
///         perform: { _ in await counter.incrementThreeTimes() },
///         violations: { await counter.check() })
/// })
/// ```
public struct ClosureDriver: ComponentDriver {
    public let name: String
    public let summary: String
    public let variants: [VariantName]
    public let invariants: [InvariantDescriptor]
    public let capabilities: DriverCapabilities
    private let build: @Sendable (ScenarioWorld, VariantName) throws -> any ScenarioWorkload

    public init(
        name: String, summary: String = "", variants: [VariantName] = [.naive, .robust],
        invariants: [InvariantDescriptor] = [], capabilities: DriverCapabilities = [],
        workload: @escaping @Sendable (_ world: ScenarioWorld, _ variant: VariantName) throws -> any ScenarioWorkload
    ) {
        self.name = name
        self.summary = summary
        self.variants = variants
        self.invariants = invariants
        self.capabilities = capabilities
        build = workload
    }

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        try build(context.world, context.variant)
    }
}

/// A workload made of closures: what one run does, and what is broken afterwards. Built per seed, on the simulation's
/// thread, so the closures need not be `Sendable`.
public final class ClosureWorkload: ScenarioWorkload {
    private let run: (_ pass: Int) async -> WorkloadFailure?
    private let check: () async -> [InvariantViolation]
    private let measure: () async -> SeedFigures

    public init(
        perform: @escaping (_ pass: Int) async -> WorkloadFailure?,
        violations: @escaping () async -> [InvariantViolation] = { [] },
        figures: @escaping () async -> SeedFigures = { SeedFigures() }
    ) {
        run = perform
        check = violations
        measure = figures
    }

    public func perform(pass: Int) async -> WorkloadFailure? { await run(pass) }
    public func violations() async -> [InvariantViolation] { await check() }
    public func figures() async -> SeedFigures { await measure() }
}
