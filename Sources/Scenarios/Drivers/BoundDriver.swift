import ChaosNet

/// A driver bound to one scenario: its configuration cast to the driver's type and its fixtures built, so that each
/// seed only has to build a workload. The type erasure of `ComponentDriver`'s associated types happens here, once.
struct BoundDriver: Sendable {
    let driver: any ComponentDriver
    private let build: @Sendable (ScenarioWorld, VariantName) throws -> any ScenarioWorkload
    /// What live mode serves for the component, declared over the same fixtures.
    let liveServices: @Sendable () -> LiveServices

    init(_ driver: any ComponentDriver, scenario: ScenarioFile, fixtures: ScenarioFixtures) throws(ScenarioRunError) {
        self.driver = driver
        (build, liveServices) = try Self.bind(driver, scenario: scenario, fixtures: fixtures)
    }

    func makeWorkload(world: ScenarioWorld, variant: VariantName) throws -> any ScenarioWorkload {
        try build(world, variant)
    }

    private static func bind<Driver: ComponentDriver>(
        _ driver: Driver, scenario: ScenarioFile, fixtures: ScenarioFixtures
    ) throws(ScenarioRunError) -> (
        @Sendable (ScenarioWorld, VariantName) throws -> any ScenarioWorkload, @Sendable () -> LiveServices
    ) {
        let configuration: Driver.Configuration
        if let given = scenario.workload.configuration {
            guard let typed = given as? Driver.Configuration else {
                throw ScenarioRunError(
                    scenario: scenario.name,
                    message: "the workload's configuration is a \(type(of: given)), but the \(driver.name) driver "
                        + "takes a \(Driver.Configuration.self)")
            }
            configuration = typed
        } else {
            configuration = driver.defaultConfiguration
        }
        let built = try driver.makeFixtures(FixtureContext(
            scenario: scenario, configuration: configuration, store: fixtures.registryStore,
            packages: fixtures.packages))
        let build: @Sendable (ScenarioWorld, VariantName) throws -> any ScenarioWorkload = { world, variant in
            try driver.makeWorkload(
                WorkloadContext(world: world, variant: variant, configuration: configuration, fixtures: built))
        }
        let live: @Sendable () -> LiveServices = {
            driver.liveServices(LiveServiceContext(scenario: scenario, configuration: configuration, fixtures: built))
        }
        return (build, live)
    }
}
