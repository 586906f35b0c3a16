/// Something a scenario asks of its component that the component's driver cannot give. Decided in one place for both
/// the loader (which reports it at the node that asks) and the runner (which refuses a scenario built in code).
public enum UnmetRequirement: Sendable, Equatable {
    /// A `crash` file-system fault, for a component its driver does not restart after a power loss.
    case crashFault(name: String)
    /// The component needs a registry and the topology has none.
    case registry
    /// The component fetches a registry package and the registry has none (of that name, when one is given).
    case registryPackage(named: String?)

    /// The first requirement of `scenario` that `driver` cannot meet, in the order above; nil when all are met.
    public static func first(in scenario: ScenarioFile, for driver: any ComponentDriver) -> UnmetRequirement? {
        let capabilities = driver.capabilities
        if !capabilities.contains(.restartsAfterPowerLoss),
           let crash = scenario.fileSystemFaults.first(where: { $0.kind == .powerLoss })
        {
            return .crashFault(name: crash.name)
        }
        let needsPackage = capabilities.contains(.needsRegistryPackage)
        guard let registry = scenario.topology.registry else {
            return capabilities.contains(.needsRegistry) || needsPackage ? .registry : nil
        }
        if needsPackage {
            let wanted = scenario.workload.package
            let found = wanted.map { name in registry.packages.contains { $0.name == name } }
                ?? !registry.packages.isEmpty
            if !found { return .registryPackage(named: wanted) }
        }
        return nil
    }

    /// What is wrong, for a message about component `component`.
    public func message(component: String) -> String {
        switch self {
        case let .crashFault(name):
            "a 'crash' fault ('\(name)') restarts the component after a power loss, which the '\(component)' "
                + "component's driver does not do"
        case .registry:
            "the '\(component)' component needs a registry, but the topology has 'registry: none'"
        case let .registryPackage(name?):
            "the '\(component)' component needs the registry package '\(name)', which the registry does not hold"
        case .registryPackage(nil):
            "the '\(component)' component fetches a registry package, but the registry has no packages"
        }
    }
}
