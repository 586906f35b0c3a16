import ChaosNet

/// What a scenario serves, for live mode: the registry's address as the scenario names it (the name its faults
/// target), the block store holding its packages and the content its driver adds, and its network and HTTP faults.
public struct ScenarioServices: Sendable {
    /// The registry as the scenario names it (`registry:5001`), nil with `registry: none`.
    public let registryEndpoint: Endpoint?
    /// The registry's content, shared with the runner that built it.
    public let store: IPFSBlockStore
    /// The scenario's packages by name, in file order (root CIDs and the content to compare a download against).
    public let packages: [(name: String, package: IPFSPackage)]
    /// The hosts of the scenario's topology (what a fault's target may name).
    public let hosts: [String]
    /// The scenario's network and HTTP faults, in file order.
    public var faults: [Fault]
    /// What the scenario's driver serves besides the packages: its registry content and HTTP services.
    public let driverServices: LiveServices
}

extension ScenarioRunner {
    /// The services of this runner's scenario, over the fixtures it built (packages and driver content).
    public var services: ScenarioServices {
        let registry = scenario.topology.registry
        return ScenarioServices(
            registryEndpoint: registry.map { Endpoint(host: $0.host, port: $0.port) },
            store: fixtures.store,
            packages: fixtures.packages,
            hosts: scenario.topology.hosts,
            faults: scenario.faults,
            driverServices: bound.liveServices())
    }
}
