import ChaosNet

/// One seed's world, built from a scenario: one fault plan with every fault of the scenario, the network with its
/// hosts and links, the registry serving the shared fixtures, the client host's HTTP client and transport, and its
/// file system. Drivers build their workloads in it (and may add services of their own to its network).
///
/// Not thread-safe: use on the simulation's thread.
public final class ScenarioWorld: @unchecked Sendable {
    public let simulation: Simulation
    public let scenario: ScenarioFile
    let fixtures: ScenarioFixtures
    /// Every fault of the world — network, HTTP, file system, power — scheduled on the simulation's clock.
    public let faultPlan: FaultPlan
    public let network: SimNetwork
    /// The IPFS registry, serving the scenario's packages and what drivers added; nil with `registry: none`.
    public let registry: IPFSRegistry?
    /// The HTTP client of the host the component runs on (`topology.client`).
    public let client: SimHTTPClient
    /// The file system of the host the component runs on; it obeys the plan's file-system faults.
    public let fileSystem: SimFileSystem
    /// Whether the plan's `crash` faults cut the power (not in a crash-point run, which loses it at one operation).
    let followsScheduledPowerLosses: Bool
    /// Power losses so far, and the last one not yet taken by the workload (`ScenarioWorld+Power`).
    var powerLossCountValue = 0
    var untakenPowerLoss: PowerLoss?
    var armedStop: (() -> Void)?
    var struckOperation: String?
    private var shutDownActions: [() -> Void] = []

    init(
        simulation: Simulation, scenario: ScenarioFile, fixtures: ScenarioFixtures,
        powerLosses: PowerLossPlan = .scheduled
    ) throws {
        self.simulation = simulation
        self.scenario = scenario
        self.fixtures = fixtures
        let topology = scenario.topology
        faultPlan = FaultPlan(simulation)
        for fault in scenario.faults { faultPlan.add(fault) }
        for fault in scenario.fileSystemFaults { faultPlan.add(fault) }
        network = SimNetwork(simulation, defaultLink: topology.defaultLink, faultPlan: faultPlan)
        for host in topology.hosts { network.addHost(host) }
        for link in scenario.links { network.setLink(link.between.0, link.between.1, link.conditions) }
        if let spec = topology.registry {
            let registry = try IPFSRegistry(network: network, host: spec.host, port: spec.port, store: fixtures.store)
            registry.start()
            self.registry = registry
        } else {
            registry = nil
        }
        client = SimHTTPClient(network: network, host: topology.clientHost)
        fileSystem = SimFileSystem(
            latency: scenario.fileSystem.latency, durability: scenario.fileSystem.durability,
            mounts: scenario.fileSystem.mounts, clock: simulation.clock, faultPlan: faultPlan)
        followsScheduledPowerLosses = powerLosses == .scheduled
        if case let .crashPoint(crashPoint?) = powerLosses {
            fileSystem.crashPoint = SimFileSystem.CrashPoint(operation: crashPoint) { [weak self] operation in
                self?.losePower(at: operation)
            }
        }
    }

    /// The simulation's clock.
    public var clock: SimClock { simulation.clock }

    /// The transport through which code on the component's host opens and accepts byte streams.
    public var transport: SimHostTransport { network.transport(for: scenario.topology.clientHost) }

    /// The registry package the workload names (or the registry's first), nil when there is none.
    public var package: IPFSPackage? { fixtures.package(named: scenario.workload.package) }

    /// The registry's address as components call it, `host:port`.
    public var registryAuthority: String {
        guard let spec = scenario.topology.registry else { return "registry:5001" }
        return "\(spec.host):\(spec.port)"
    }

    /// Runs `action` when the seed's workload is done, after the invariants were checked: a driver that starts a
    /// service of its own stops it here, so that no task is left waiting when the root returns.
    public func onShutDown(_ action: @escaping () -> Void) {
        shutDownActions.append(action)
    }

    /// Stops the registry's listener and every driver service, so that nothing keeps serving after the workload.
    func shutDown() {
        for action in shutDownActions { action() }
        shutDownActions = []
        registry?.stop()
    }
}
