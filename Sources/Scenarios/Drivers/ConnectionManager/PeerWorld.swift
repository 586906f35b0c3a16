import ChaosComponents
import ChaosCore
import ChaosNet

/// The peer network of one seed: nodes on hosts of the scenario's network, each with a connection manager of the
/// variant under test, and what the workload saw them do.
/// Used on the simulation's thread only.
final class PeerWorld: @unchecked Sendable {
    let simulation: Simulation
    let peers: SimPeerNetwork
    let variant: ConnectionManagerVariant
    let settings: ConnectionManagerSettings
    private(set) var members: [PeerMember] = []
    let ledger = PeerLedger()
    private let ids: SeededRandom

    init(world: ScenarioWorld, variant: ConnectionManagerVariant, settings: ConnectionManagerSettings) {
        simulation = world.simulation
        peers = SimPeerNetwork(network: world.network)
        self.variant = variant
        self.settings = settings
        ids = simulation.random("peers.ids")
    }

    /// Adds `count` nodes, each on a host of its own, with random ids.
    func addMembers(_ count: Int, settings: ConnectionManagerSettings? = nil) throws {
        for _ in 0..<count {
            var id = NodeID(ids.next())
            while members.contains(where: { $0.id == id }) { id = NodeID(ids.next()) }
            let host = "peer-\(members.count)"
            if !peers.network.hosts.contains(host) { peers.network.addHost(host) }
            let node = try peers.addNode(id, host: host)
            let (manager, tasks) = makeManager(on: node, settings: settings ?? self.settings, seeds: [])
            members.append(PeerMember(id: id, host: host, node: node, manager: manager, tasks: tasks))
        }
    }

    func member(_ index: Int) -> PeerMember { members[index] }

    private func makeManager(
        on node: SimPeerNode, settings: ConnectionManagerSettings, seeds: [NodeContact]
    ) -> (NodeConnectionManager<SimClock>, SimBackgroundTasks) {
        let tasks = SimBackgroundTasks(simulation: simulation, owner: "ncm \(node.localNode)")
        let targets = simulation.random("peers.targets.\(node.localNode)")
        let simulation = simulation
        let manager = NodeConnectionManager(
            variant: variant, settings: settings, transport: node, address: node.address, seeds: seeds,
            clock: simulation.clock, background: tasks, randomNode: { NodeID(targets.next()) },
            log: { simulation.trace("ncm", $0) })
        return (manager, tasks)
    }

    /// Starts every manager that is up.
    func startAll() async {
        for member in members where !member.isDown { await member.manager.start() }
    }

    /// Stops every manager that is up, one after another.
    func stopAll() async {
        for member in members where !member.isDown { await member.manager.stop() }
    }

    /// Boots a member that died, at the same address, with `contacts` in its graph, and starts its manager.
    func reboot(_ member: PeerMember, contacts: [NodeContact]) async throws {
        let node = try peers.restartNode(member.id)
        let (manager, tasks) = makeManager(on: node, settings: settings, seeds: contacts)
        member.reboot(node: node, manager: manager, tasks: tasks)
        await manager.start()
    }

    /// Starts `body` as a task of `member`'s process (it dies with it), recording nothing itself.
    func run(on member: PeerMember, after delay: Duration = .zero, _ name: String,
             _ body: @escaping @Sendable (NodeConnectionManager<SimClock>) async -> Void) {
        let clock = simulation.clock
        let manager = member.manager
        let task = simulation.spawn(name: "\(name) on \(member.id)") {
            if delay > .zero {
                guard (try? await clock.sleep(for: delay)) != nil else { return }
            }
            await body(manager)
        }
        member.adoptCaller(task)
    }

    /// An RPC from `member` to `target`, timed and recorded in the ledger.
    func call(from member: PeerMember, to target: PeerMember, _ request: NodeRPCRequest,
              after delay: Duration = .zero, label: String = "rpc") {
        let (ledger, clock, address, targetID) = (ledger, simulation.clock, target.node.address, target.id)
        run(on: member, after: delay, label) { manager in
            await Self.timedCall(
                manager, request, to: targetID, at: address, label: label, ledger: ledger, clock: clock)
        }
    }

    /// One call of `manager`'s, its duration and outcome (`ok` or the error's cause) recorded in `ledger`.
    static func timedCall(
        _ manager: NodeConnectionManager<SimClock>, _ request: NodeRPCRequest, to target: NodeID, at address: Endpoint,
        label: String, ledger: PeerLedger, clock: SimClock
    ) async {
        let start = clock.now
        let outcome: String
        do {
            _ = try await manager.call(request, to: target, at: address)
            outcome = "ok"
        } catch {
            outcome = causeName(of: error)
        }
        ledger.recordCall(label: label, started: start, ended: clock.now, outcome: outcome)
    }

    /// A manager error's cause name; another error's type.
    static func causeName(of error: any Error) -> String {
        (error as? ConnectionManagerError)?.causeName ?? "\(type(of: error))"
    }

    /// A lookup by `member` of `target`, recorded: whether it returned, threw, and how many it found.
    func lookup(by member: PeerMember, of target: NodeID, after delay: Duration = .zero) {
        let (ledger, clock) = (ledger, simulation.clock)
        ledger.lookupsStarted += 1
        run(on: member, after: delay, "lookup") { manager in
            let start = clock.now
            do {
                let found = try await manager.getClosestNodes(to: target)
                ledger.recordLookup(started: start, ended: clock.now, found: found.count, error: nil)
            } catch is CancellationError {
                ledger.lookupsCancelled += 1
            } catch {
                ledger.recordLookup(started: start, ended: clock.now, found: 0, error: Self.causeName(of: error))
            }
        }
    }
}
