import ChaosComponents
import ChaosCore
import ChaosNet

/// The peer-network workloads behind `chaos-run bench peers`: the robust connection manager over the simulated peer
/// network, without faults, so the figures measure the simulator and the component's own work.
public enum PeerBenchmarks {
    public struct LookupResult: RunFigures {
        public var nodes: Int
        public var lookups: Int
        /// Lookups that returned k contacts.
        public var full: Int
        /// Of the contacts returned, the share that are among the k nodes truly closest to the target: a lookup that
        /// gave up early would be fast and wrong, and this shows it.
        public var recall: Double
        /// Calls the lookups made (one RPC each), and the connections dialled for them.
        public var rpcs: Int
        public var dials: Int
        public var setupWallSeconds: Double
        /// Wall time of the lookups alone, from the first one's start to the last one's end.
        public var wallSeconds: Double
        public var virtualTime: Duration = .zero
        public var steps = 0
        public var outcome = Outcome.completed
        public var lookupsPerWallSecond: Double { Double(lookups) / wallSeconds }
    }

    /// `nodes` nodes, each booted with a converged graph (every other node offered to its k-buckets, as a network
    /// that has run a while has); `lookups` lookups of random ids from random nodes, `inFlight` at a time.
    public static func lookups(nodes: Int = 1000, lookups: Int = 2000, inFlight: Int = 16) -> LookupResult {
        precondition(nodes >= 2 && lookups >= 1 && inFlight >= 1, "a lookup needs two nodes")
        let empty = LookupResult(
            nodes: nodes, lookups: 0, full: 0, recall: 0, rpcs: 0, dials: 0, setupWallSeconds: 0, wallSeconds: 0)
        return measure(orElse: empty) { simulation in
            let setupStart = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
            let ids = simulation.random("bench.peers.ids")
            var contacts: [NodeContact] = []
            var seen: Set<NodeID> = []
            while contacts.count < nodes {
                let id = NodeID(ids.next())
                guard seen.insert(id).inserted else { continue }
                contacts.append(NodeContact(node: id, address: Endpoint(host: "peer-\(contacts.count)", port: 4433)))
            }
            let managers = try await startNetwork(of: contacts, in: simulation)
            let setupWall = (ContinuousClock.now - setupStart).secondsDouble  // determinism: ok

            let draws = simulation.random("bench.peers.lookups")
            let jobs = (0..<lookups).map { _ in (managers[draws.uniform(below: nodes)], NodeID(draws.next())) }
            let start = ContinuousClock.now  // determinism: ok
            let answers = try await withThrowingTaskGroup(of: (NodeID, [NodeContact]).self) { group in
                var answers: [(NodeID, [NodeContact])] = []
                for (index, (manager, target)) in jobs.enumerated() {
                    if index >= inFlight, let answer = try await group.next() { answers.append(answer) }
                    group.addTask { (target, try await manager.getClosestNodes(to: target)) }
                }
                for try await answer in group { answers.append(answer) }
                return answers
            }
            let wall = (ContinuousClock.now - start).secondsDouble  // determinism: ok

            let k = ConnectionManagerSettings().k
            var (full, found, right, rpcs, dials) = (0, 0, 0, 0, 0)
            for (target, answer) in answers {
                if answer.count == k { full += 1 }
                let truth = Set(contacts.map(\.node).sorted { $0.distance(to: target) < $1.distance(to: target) }
                    .prefix(k))
                found += answer.count
                right += answer.filter { truth.contains($0.node) }.count
            }
            for manager in managers {
                let snapshot = await manager.snapshot
                rpcs += snapshot.calls
                dials += snapshot.dials
            }
            return LookupResult(
                nodes: nodes, lookups: answers.count, full: full,
                recall: found == 0 ? 0 : Double(right) / Double(found), rpcs: rpcs, dials: dials,
                setupWallSeconds: setupWall, wallSeconds: wall)
        }
    }

    public struct RPCResult: RunFigures {
        public var rpcs: Int
        public var inFlight: Int
        public var payloadBytes: Int
        /// Connections the caller dialled: one, if the connection is reused as it must be.
        public var dials: Int
        public var wallSeconds: Double
        public var virtualTime: Duration = .zero
        public var steps = 0
        public var outcome = Outcome.completed
        public var rpcsPerWallSecond: Double { Double(rpcs) / wallSeconds }
    }

    /// `rpcs` echo RPCs of `payloadBytes` bytes from one node to another, `inFlight` at a time, each on a stream of
    /// its own over the one connection the manager holds.
    public static func rpcs(_ rpcs: Int = 100_000, inFlight: Int = 1, payloadBytes: Int = 64) -> RPCResult {
        precondition(rpcs >= 1 && inFlight >= 1 && payloadBytes >= 0, "at least one RPC")
        let empty = RPCResult(rpcs: 0, inFlight: inFlight, payloadBytes: payloadBytes, dials: 0, wallSeconds: 0)
        return measure(orElse: empty) { simulation in
            let contacts = [NodeID(1), NodeID(2)].map {
                NodeContact(node: $0, address: Endpoint(host: "peer-\($0.rawValue)", port: 4433))
            }
            let managers = try await startNetwork(of: contacts, in: simulation)
            let (caller, server) = (managers[0], contacts[1])
            let request = NodeRPCRequest.echo(bytes: [UInt8](repeating: 0x5A, count: payloadBytes), delay: .zero)
            let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<inFlight {
                    let share = rpcs / inFlight + (worker < rpcs % inFlight ? 1 : 0)
                    group.addTask {
                        for _ in 0..<share {
                            guard case .bytes(let echoed) = try await caller.call(request, to: server.node),
                                  echoed.count == payloadBytes
                            else { throw PeerBenchmarkError.wrongAnswer }
                        }
                        return share
                    }
                }
                return try await group.reduce(0, +)
            }
            let wall = (ContinuousClock.now - start).secondsDouble  // determinism: ok
            let dials = await caller.snapshot.dials
            for manager in managers { await manager.stop() }
            return RPCResult(
                rpcs: answered, inFlight: inFlight, payloadBytes: payloadBytes, dials: dials, wallSeconds: wall)
        }
    }

    /// A node on a host of its own for each contact, 1 ms apart, each with a started robust manager that knows every
    /// other contact (its graph keeps what its k-buckets hold), in the contacts' order.
    private static func startNetwork(
        of contacts: [NodeContact], in simulation: Simulation
    ) async throws -> [NodeConnectionManager<SimClock>] {
        let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .milliseconds(1)))
        let peers = SimPeerNetwork(network: network)
        var managers: [NodeConnectionManager<SimClock>] = []
        for contact in contacts {
            network.addHost(contact.address.host)
            let node = try peers.addNode(contact.node, host: contact.address.host)
            let manager = makeManager(on: node, seeds: contacts, simulation: simulation)
            await manager.start()
            managers.append(manager)
        }
        return managers
    }

    /// The robust manager of `node`, knowing `seeds` other than itself, with no refresh.
    private static func makeManager(
        on node: SimPeerNode, seeds: [NodeContact], simulation: Simulation
    ) -> NodeConnectionManager<SimClock> {
        let targets = simulation.random("bench.peers.targets.\(node.localNode)")
        return NodeConnectionManager(
            variant: .robust, transport: node, address: node.address,
            seeds: seeds.filter { $0.node != node.localNode }, clock: simulation.clock,
            background: SimBackgroundTasks(simulation: simulation, owner: "ncm \(node.localNode)"),
            randomNode: { NodeID(targets.next()) })
    }

    /// Runs `body` in a benchmark simulation and writes the run's virtual time, steps and outcome into what it
    /// returned, or into `empty` if the run did not complete with a value.
    private static func measure<Value: RunFigures>(
        orElse empty: Value, _ body: @escaping @Sendable (Simulation) async throws -> Value
    ) -> Value {
        let simulation = Simulation(
            seed: 1, configuration: SimulationConfiguration(timeLimit: .seconds(86_400), traceCapacity: 0))
        let result = simulation.run(body)
        var value = (try? result.value?.get()) ?? empty
        value.virtualTime = result.virtualTime
        value.steps = result.steps
        value.outcome = result.outcome
        return value
    }
}

/// What a benchmark's result says of the simulation run it came from.
public protocol RunFigures: Sendable {
    var virtualTime: Duration { get set }
    var steps: Int { get set }
    var outcome: Outcome { get set }
}

enum PeerBenchmarkError: Error {
    /// An echo came back with other bytes than were sent.
    case wrongAnswer
}
