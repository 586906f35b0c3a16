import ChaosComponents
import ChaosNet

/// The CI test of service creation: `operations` creations of the scenario's package in a row; the run fails at the
/// first creation not answered 200.
final class ServiceCreationWorkload: ScenarioWorkload {
    let world: ScenarioWorld
    let manager: ServiceManager
    let downloader: RecordingDownloader
    let template: ServiceTemplate
    let operations: Int

    init(world: ScenarioWorld, variant: VariantName, configuration: PackageWorkloadConfiguration) {
        self.world = world
        downloader = RecordingDownloader(world.makeDownloader(variant, config: configuration.downloader))
        let simulation = world.simulation
        manager = ServiceManager(
            variant: variant.component(ServiceManager.Variant.self), fileSystem: world.fileSystem,
            downloader: downloader, log: { simulation.trace("service-manager", $0) })
        template = ServiceTemplate(name: world.scenario.name, hash: world.requiredPackage.cid.description)
        operations = configuration.operations
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        for operation in 1...operations {
            downloader.lastError = nil
            let response = await manager.handleCreate(template: template)
            world.simulation.trace(
                "workload", "create \(operation)/\(operations) (run \(pass + 1)): \(response.status)")
            guard response.status != 200 else { continue }
            let cause = downloader.lastError.map(ErrorCause.name) ?? "none"
            let type = response.body["type"]?.stringValue ?? response.body["error"]?.stringValue ?? "no type"
            return WorkloadFailure(
                cause: "\(response.status):\(cause)",
                summary: "service creation answered \(response.status) (\(type)) after \(cause)",
                detail: "creation \(operation) of \(operations): \(response)")
        }
        return nil
    }

    func violations() async -> [InvariantViolation] {
        await ServiceManagerInvariants.check(
            fileSystem: world.fileSystem, servicesRoot: manager.servicesRoot, counterPath: manager.counterPath,
            records: manager.records)
    }
}
