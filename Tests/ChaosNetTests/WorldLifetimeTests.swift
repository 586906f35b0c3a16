import ChaosNet
import HTTPTypes
import Testing

/// A sweep runs thousands of seeds in one worker process: every seed's world must be freed when its run ends, or the
/// worker grows seed after seed.
@Suite("World lifetime")
struct WorldLifetimeTests {
    /// Weak references to a world's parts, filled in inside the run.
    final class Watch: @unchecked Sendable {
        weak var simulation: Simulation?
        weak var network: SimNetwork?
        weak var listener: SimListener?
        weak var connection: SimConnection?
        weak var server: SimHTTPServer?
        weak var fileSystem: SimFileSystem?
        weak var registry: IPFSRegistry?
        weak var peers: SimPeerNetwork?
        weak var peerNode: SimPeerNode?
        weak var peerConnection: SimPeerConnection?

        var alive: [String] {
            [("simulation", simulation as AnyObject?), ("network", network), ("listener", listener),
             ("connection", connection), ("server", server), ("file system", fileSystem),
             ("registry", registry), ("peer network", peers), ("peer node", peerNode),
             ("peer connection", peerConnection)]
                .compactMap { $0.1 == nil ? nil : $0.0 }
        }
    }

    /// A world with an IPFS registry (which the simulation keeps alive, and which refers back to the simulation), a
    /// listener nobody closes, a connection nobody reads to its end, an HTTP server with a kept-alive
    /// connection, a task waiting on a `SimWaiter` nobody resumes, and a file system whose failure hook captures the
    /// simulation: everything that used to keep a world alive. (A task suspended on a continuation that nobody ever
    /// resumes and that ignores cancellation cannot be ended by the teardown, so what it captured stays; the world's
    /// own blocking operations are all `SimWaiter`s, which end on cancellation.)
    static func run(seed: UInt64, watch: Watch, limit: Duration) -> Outcome {
        let simulation = Simulation(seed: seed, configuration: SimulationConfiguration(timeLimit: limit))
        watch.simulation = simulation
        return simulation.run { simulation in
            let network = SimNetwork(simulation)
            network.addHost("a")
            network.addHost("b")
            watch.network = network
            let listener = try network.listen(host: "b", port: 9)
            watch.listener = listener
            let server = try SimHTTPServer(network: network, host: "b", port: 80) { _ in .text(.ok, "hi") }
            server.start()
            watch.server = server
            let registry = try IPFSRegistry(network: network, host: "b", port: 5001)
            registry.start()
            watch.registry = registry
            let fileSystem = SimFileSystem(clock: simulation.clock, random: simulation.random("fs"))
            fileSystem.onFailureInjected = { operation, path, _ in simulation.trace("fs", "\(operation) \(path)") }
            watch.fileSystem = fileSystem
            let connection = try await network.connect(from: "a", to: "b", port: 9)
            watch.connection = connection
            simulation.spawn(name: "reader") { _ = try await connection.read(maxLength: 10) }
            let waiter = SimWaiter<Int>(simulation)
            simulation.spawn(name: "waiter") {
                _ = try await waiter.wait(on: "nothing", timeoutError: { CancellationError() })
            }
            // Peer connections with their reader, writer and keep-alive tasks, a stream read nobody answers, an
            // accept nobody satisfies.
            let peers = SimPeerNetwork(network: network)
            watch.peers = peers
            let alice = try peers.addNode(NodeID(1), host: "a")
            let bob = try peers.addNode(NodeID(2), host: "b")
            watch.peerNode = bob
            let peerConnection = try await alice.dialConnection(NodeID(2), at: bob.address)
            watch.peerConnection = peerConnection
            let stream = try await peerConnection.openStream()
            try await stream.write([1][...])
            simulation.spawn(name: "peer reader") { _ = try await stream.read(maxLength: 10, timeout: nil) }
            simulation.spawn(name: "peer acceptor") {
                _ = try await bob.acceptConnection()
                _ = try await alice.acceptConnection()
            }
            let client = SimHTTPClient(network: network, host: "a")
            let request = HTTPRequest(method: .get, scheme: "http", authority: "b:80", path: "/")
            let response = try await client.execute(request, body: nil, timeouts: HTTPTimeouts())
            _ = try await response.body.collect(upTo: 100)
            try await simulation.clock.sleep(for: .seconds(5))
        }.outcome
    }

    @Test("a world whose root completes is freed, with its tasks still waiting",
          arguments: [Duration.seconds(60), .seconds(1)])
    func worldIsFreed(limit: Duration) {
        let watch = Watch()
        let outcome = Self.run(seed: 3, watch: watch, limit: limit)
        #expect(limit == .seconds(60) ? outcome == .completed : outcome == .timeout(limit: limit), "\(outcome)")
        #expect(watch.alive == [], "still alive after the run: \(watch.alive)")
    }
}
