import ChaosNet

/// What a driver builds its fixtures from: the scenario, the driver's configuration, and the registry's block store
/// (shared by every seed, so content added here is served in every world).
public struct FixtureContext<Configuration: Sendable & Equatable>: Sendable {
    public let scenario: ScenarioFile
    public let configuration: Configuration
    /// The registry's content, or nil when the topology has no registry.
    public let store: IPFSBlockStore?
    /// The scenario's registry packages by name, in file order.
    public let packages: [(name: String, package: IPFSPackage)]

    /// The store, or an error saying the component needs a registry.
    public func requireStore(for component: String) throws(ScenarioRunError) -> IPFSBlockStore {
        guard let store else {
            throw ScenarioRunError(scenario: scenario.name, message: "the \(component) component needs a registry")
        }
        return store
    }
}
