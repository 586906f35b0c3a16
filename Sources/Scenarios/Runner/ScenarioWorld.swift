import ChaosNet

/// One seed's world, built from a scenario: the network with its hosts, links and faults, the registry serving the
/// shared fixtures, the client host's HTTP client and transport, and its file system with the scenario's file-system
/// faults. Drivers build their workloads in it (and may add services of their own to its network).
///
/// Not thread-safe: use on the simulation's thread.
public final class ScenarioWorld: @unchecked Sendable {
    public let simulation: Simulation
    public let scenario: ScenarioFile
    let fixtures: ScenarioFixtures
    public let network: SimNetwork
    /// The IPFS registry, serving the scenario's packages and what drivers added; nil with `registry: none`.
    public let registry: IPFSRegistry?
    /// The HTTP client of the host the component runs on (`topology.client`).
    public let client: SimHTTPClient
    /// The file system of the host the component runs on, with the scenario's file-system faults.
    public let fileSystem: SimFileSystem
    /// When the machine loses power, merged over every `crash` file-system fault (none in a crash-point run).
    let crashTimelines: [FaultTimeline]
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
        network = SimNetwork(simulation, defaultLink: topology.defaultLink)
        for host in topology.hosts { network.addHost(host) }
        for link in scenario.links { network.setLink(link.between.0, link.between.1, link.conditions) }
        for fault in scenario.faults { network.addFault(fault) }
        if let spec = topology.registry {
            let registry = try IPFSRegistry(network: network, host: spec.host, port: spec.port, store: fixtures.store)
            registry.start()
            self.registry = registry
        } else {
            registry = nil
        }
        client = SimHTTPClient(network: network, host: topology.clientHost)
        fileSystem = SimFileSystem(
            durability: scenario.fileSystem.durability, mounts: scenario.fileSystem.mounts, clock: simulation.clock,
            random: simulation.random("filesystem"))
        var crashes: [FaultTimeline] = []
        var toggled: [(name: String, timeline: FaultTimeline, apply: () -> Void, revert: () -> Void)] = []
        let fileSystem = self.fileSystem
        for fault in scenario.fileSystemFaults {
            let timeline = FaultTimeline(activity: fault.activity, random: simulation.random("fs-fault.\(fault.name)"))
            switch fault.kind {
            case .crash:
                crashes.append(timeline)
            case let .diskFull(capacity):
                toggled.append((fault.name, timeline, { fileSystem.capacityBytes = capacity },
                                { fileSystem.capacityBytes = .max }))
            case .slowMetadata:
                toggled.append((fault.name, timeline, { fileSystem.latency = .nfs }, { fileSystem.latency = .none }))
            }
        }
        // A crash-point run loses power at one operation only, so that each run tests one crash state.
        crashTimelines = powerLosses == .scheduled ? crashes : []
        for fault in toggled {
            schedule(fault.name, fault.timeline, from: .zero, apply: fault.apply, revert: fault.revert)
        }
        let simulation = simulation
        fileSystem.onFailureInjected = { operation, path, error in
            simulation.trace("filesystem", "\(operation) \(path): \(error)")
        }
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

    /// Applies a fault at the start of each active period and reverts it at the end, with scheduled actions (no task
    /// stays behind when the workload is done).
    private func schedule(
        _ name: String, _ timeline: FaultTimeline, from time: Duration,
        apply: @escaping () -> Void, revert: @escaping () -> Void
    ) {
        guard let period = timeline.nextPeriod(after: time), period.start < scenario.timeLimit else { return }
        let simulation = self.simulation
        _ = simulation.schedule(at: SimClock.Instant(offset: period.start)) { [weak self] in
            simulation.trace("filesystem", "fault '\(name)' active")
            apply()
            guard period.end < .nanoseconds(Int64.max) else { return }
            _ = simulation.schedule(at: SimClock.Instant(offset: period.end)) { [weak self] in
                simulation.trace("filesystem", "fault '\(name)' over")
                revert()
                self?.schedule(name, timeline, from: period.end, apply: apply, revert: revert)
            }
        }
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
