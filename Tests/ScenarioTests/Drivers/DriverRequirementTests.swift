import ChaosNet
import Scenarios
import Testing

/// What a scenario asks of its component's driver is decided once (`UnmetRequirement`): the loader reports it at the
/// node that asks, and the runner refuses a scenario built in code with the same words.
@Suite("Driver requirements")
struct DriverRequirementTests {
    static func scenario(
        component: String, registry: RegistrySpec? = RegistrySpec(),
        fileSystemFaults: [FileSystemFault] = [], package: String? = nil
    ) -> ScenarioFile {
        ScenarioFile(
            name: "requirements", description: "What the driver needs.",
            topology: TopologySpec(registry: registry), fileSystemFaults: fileSystemFaults,
            workload: WorkloadSpec(component: component, package: package))
    }

    @Test("a crash fault needs a driver that restarts its component", arguments: ["service-manager", "downloader"])
    func crashNeedsRestart(component: String) throws {
        let package = RegistrySpec(packages: [PackageSpec(name: "p", fileCount: 2, byteCount: 1024)])
        let scenario = Self.scenario(
            component: component, registry: package,
            fileSystemFaults: [FileSystemFault(name: "power", kind: .powerLoss)])
        #expect(UnmetRequirement.first(in: scenario, for: try #require(DriverRegistry.builtIn.driver(named: component)))
            == .crashFault(name: "power"))
        #expect(throws: ScenarioRunError(scenario: "requirements", message: UnmetRequirement.crashFault(name: "power")
            .message(component: component))) {
            try ScenarioRunner(scenario: scenario)
        }
        let queue = Self.scenario(
            component: "download-queue", fileSystemFaults: [FileSystemFault(name: "power", kind: .powerLoss)])
        _ = try ScenarioRunner(scenario: queue)
    }

    @Test("a package-fetching component needs a package; the download queue only a registry")
    func registryNeeds() throws {
        let drivers = DriverRegistry.builtIn
        let serviceManager = try #require(drivers.driver(named: "service-manager"))
        let queue = try #require(drivers.driver(named: "download-queue"))
        #expect(UnmetRequirement.first(in: Self.scenario(component: "service-manager"), for: serviceManager)
            == .registryPackage(named: nil))
        let named = Self.scenario(component: "service-manager", package: "app")
        #expect(UnmetRequirement.first(in: named, for: serviceManager) == .registryPackage(named: "app"))
        #expect(UnmetRequirement.first(in: Self.scenario(component: "download-queue", registry: nil), for: queue)
            == .registry)
        #expect(UnmetRequirement.first(in: Self.scenario(component: "download-queue"), for: queue) == nil)
        #expect(UnmetRequirement.registryPackage(named: "app").message(component: "downloader")
            == "the 'downloader' component needs the registry package 'app', which the registry does not hold")
    }

    @Test("the runner refuses a component no driver is registered for, and a configuration of another type")
    func unknownComponentsAndConfigurations() throws {
        #expect(throws: ScenarioRunError(
            scenario: "requirements",
            message: "no driver is registered for component 'uploader'; registered: service-manager, downloader, "
                + "download-queue, egress-recorder, cache-manager, connection-manager")) {
            try ScenarioRunner(scenario: Self.scenario(component: "uploader"))
        }
        var wrong = Self.scenario(component: "download-queue")
        wrong.workload.configuration = PackageWorkloadConfiguration()
        #expect {
            try ScenarioRunner(scenario: wrong)
        } throws: { error in
            "\(error)".contains("the download-queue driver takes a QueueConfig")
        }
    }

    @Test("a variant or an invariant the driver does not declare is refused before any seed runs")
    func undeclaredNames() throws {
        var scenario = Self.scenario(component: "download-queue")
        scenario.workload.variants = ["optimistic"]
        #expect(throws: ScenarioRunError.self) { try ScenarioRunner(scenario: scenario) }
        scenario.workload.variants = [.robust]
        scenario.invariants = [.noBurnedIDs]
        #expect(throws: ScenarioRunError.self) { try ScenarioRunner(scenario: scenario) }
        scenario.invariants = [.noLostEntries]
        #expect(try ScenarioRunner(scenario: scenario).invariants == [.noLostEntries])
    }
}
