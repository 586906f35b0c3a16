import ChaosComponents

/// The service manager's driver: `ServiceManager.create(template)` downloads the template's package, then registers
/// the service; the CI test creates `operations` services in a row.
public struct ServiceManagerDriver: PackageFetchingDriver {
    public let name = "service-manager"
    public let summary = "Service creation: download a registry package into /services/<id>, then register the id."
    public let variants = ServiceManager.Variant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(.noPartialDirectories, "Every service directory holds exactly its package."),
        InvariantDescriptor(.noBurnedIDs, "Every id taken from the counter belongs to a created service."),
        InvariantDescriptor(.noEscapedErrors, "Every request is answered by the manager, not by a catch-all 500."),
        InvariantDescriptor(.noStagingLeftovers, "No staging directory is left beside the services."),
    ]

    public init() {}

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        ServiceCreationWorkload(world: context.world, variant: context.variant, configuration: context.configuration)
    }
}
