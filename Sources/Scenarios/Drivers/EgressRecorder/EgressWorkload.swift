import ChaosComponents
import ChaosCore
import ChaosNet
import HTTPTypes

/// One seed of the egress world: clients send an open load to the retrieval node for `run_for`; the node's process
/// dies at each power loss and boots again on the same disk; after the load the power is cut once more (unless the
/// file says not to), the node recovers and runs for `drain`, and then the invariants are checked against what is
/// on the disk and at the tracker.
final class EgressWorkload: ScenarioWorkload {
    let world: ScenarioWorld
    let variant: EgressVariant
    let config: EgressConfig
    private let node: RetrievalNode
    private let tracker: EgressTrackerService
    private let meter: SimWorkMeter
    private var load: OpenLoadRunner.Result?
    private var onDisk = EgressDiskState()

    init(world: ScenarioWorld, variant: VariantName, config: EgressConfig) throws {
        self.world = world
        self.variant = variant.component(EgressVariant.self)
        self.config = config
        let hosts = [RetrievalNode.host, EgressTrackerService.host, Self.clientHost]
        for host in hosts where !world.network.hosts.contains(host) {
            world.network.addHost(host)
        }
        node = try RetrievalNode(network: world.network)
        tracker = try EgressTrackerService(network: world.network)
        meter = SimWorkMeter(
            simulation: world.simulation, budget: SimWorkMeter.Budget(bytes: config.memoryBudget, cause: "egress.oom"))
        world.onShutDown { [node, tracker] in
            node.kill()
            node.stopListening()
            tracker.stop()
        }
    }

    static let clientHost = "clients"

    func perform(pass: Int) async -> WorkloadFailure? {
        let simulation = world.simulation
        let clock = simulation.clock
        let end = clock.now.advanced(by: config.runFor)
        tracker.start()
        node.listen()
        let schedule = ArrivalSchedule(profile: config.load, simulation: simulation)
        let client = SimHTTPClient(network: world.network, host: Self.clientHost)
        let receiptSizes = simulation.random("egress.receipts")
        let sizes = config.receiptSize
        let timeout = config.load.clientTimeout
        let loadTask = simulation.spawn(name: "egress load") {
            await EgressWorkload.drive(
                schedule, in: simulation, until: end, client: client, receiptSizes: receiptSizes, sizes: sizes,
                timeout: timeout)
        }
        await runProcesses(until: end)
        if case let .success(result) = await loadTask.result { load = result }
        if config.finalPowerLoss {
            simulation.trace("workload", "final power loss")
            node.kill()
            world.fileSystem.crash()
        }
        // Without a final power loss a running process runs on through the drain: what it holds in memory (naive's
        // track jobs) gets its chance to finish, and what it drops is its own doing. A node that is down (the load
        // ended during a power loss, or the final one) boots and recovers first.
        if node.recorder == nil { await boot() }
        try? await clock.sleep(for: config.drain)
        await node.recorder?.stop()
        node.kill()
        onDisk = await EgressDiskState.read(world.fileSystem, directory: config.settings.directory)
        return nil
    }

    /// Boots the node's process, and again after each power loss, until `end`.
    private func runProcesses(until end: SimClock.Instant) async {
        let clock = world.simulation.clock
        while clock.now < end {
            await boot()
            let (node, simulation) = (node, world.simulation)
            let life = simulation.spawn(name: "egress node process") {
                try await clock.sleep(until: end, tolerance: nil)
            }
            world.armPowerLoss(before: end) {
                node.kill()
                life.cancel()
            }
            _ = try? await life.value
            guard let loss = world.takePowerLoss() else { break }
            try? await clock.sleep(until: SimClock.Instant(offset: loss.end), tolerance: nil)
            world.simulation.trace("workload", "power back, booting the node")
        }
    }

    /// Opens the recorder on the node's disk (recovering what the last process left) and starts serving with it.
    private func boot() async {
        let simulation = world.simulation
        let tasks = SimBackgroundTasks(simulation: simulation, owner: "egress node")
        let jitter = simulation.random("egress.jitter")
        let node = self.node
        let trackerClient = HTTPEgressTracker(
            client: SimHTTPClient(network: world.network, host: RetrievalNode.host),
            trackerAuthority: EgressTrackerService.authority, publicURL: RetrievalNode.publicURL,
            timeouts: HTTPTimeouts(connect: .seconds(5), total: .seconds(30)))
        do {
            let recorder = try await EgressRecorder.open(
                variant: variant, settings: config.settings, fileSystem: world.fileSystem, clock: simulation.clock,
                tracker: trackerClient, background: tasks, meter: meter, jitter: { jitter.unitInterval() },
                events: { node.note($0) })
            node.start(recorder: recorder, tasks: tasks)
        } catch {
            simulation.trace("workload", "the node failed to boot: \(error)")
        }
    }

    /// The clients' open load until `end`, each request with a receipt size drawn from `receiptSizes`.
    static func drive(
        _ schedule: ArrivalSchedule, in simulation: Simulation, until end: SimClock.Instant, client: SimHTTPClient,
        receiptSizes: SeededRandom, sizes: ClosedRange<Int>, timeout: Duration
    ) async -> OpenLoadRunner.Result {
        await OpenLoadRunner.run(schedule, in: simulation, until: end) { arrival in
            let receipt = sizes.lowerBound + receiptSizes.uniform(below: sizes.count)
            return await retrieve(arrival, receiptSize: receipt, client: client, timeout: timeout)
        }
    }

    /// One client request: `GET /piece/…` with the arrival's size and range, within the client's timeout.
    static func retrieve(
        _ arrival: ScheduledArrival, receiptSize: Int, client: SimHTTPClient, timeout: Duration
    ) async -> String {
        let query = "inv=i\(arrival.index)&space=s\(arrival.index % 16)&size=\(arrival.bodySize)&receipt=\(receiptSize)"
        var head = HTTPRequest(
            method: .get, scheme: "http", authority: "\(RetrievalNode.host):\(RetrievalNode.port)",
            path: "/piece/p\(arrival.index % 1024)?\(query)")
        if let range = arrival.range {
            head.headerFields[.range] = "bytes=\(range.offset)-\(range.offset + range.length - 1)"
        }
        do {
            let response = try await client.execute(head, body: nil, timeouts: HTTPTimeouts(total: timeout))
            try await response.body.discard()
            return String(response.head.status.code)
        } catch let error as HTTPClientError {
            return error.causeName
        } catch {
            return "error"
        }
    }

    func violations() async -> [InvariantViolation] {
        EgressInvariants.check(
            variant: variant, ledger: node.ledger, disk: onDisk, tracker: tracker, meter: meter,
            settings: config.settings)
    }

    func figures() async -> SeedFigures {
        EgressFigures.make(
            load: load, ledger: node.ledger, disk: onDisk, tracker: tracker, meter: meter, settings: config.settings,
            budget: config.memoryBudget)
    }
}
