import ChaosNet
import HTTPTypes

/// The network benchmark workloads behind `chaos-run bench net`.
public enum NetworkBenchmarks {
    public struct PayloadResult: Sendable {
        public var bytes: Int
        public var segments: Int
        public var wallSeconds: Double
        public var virtualTime: Duration
        public var outcome: Outcome
        public var bytesPerWallSecond: Double { Double(bytes) / wallSeconds }
    }

    /// Streams `totalBytes` through one connection over a link with latency and a slicer fault (slices of
    /// `sliceSize` ± 25%), counting what arrives. The sender writes one shared buffer again and again: the network
    /// moves slices of it, so the figure measures the simulator, not memcpy.
    public static func payload(totalBytes: Int = 8 << 30, sliceSize: Int = 64 << 10) -> PayloadResult {
        let simulation = Simulation(
            seed: 1, configuration: SimulationConfiguration(timeLimit: .seconds(86_400), traceCapacity: 0)
        )
        let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
        let result = simulation.run { simulation in
            let network = SimNetwork(
                simulation,
                defaultLink: LinkConditions(latency: .milliseconds(5), segmentSize: 1 << 20, sendBufferSize: 4 << 20)
            )
            network.addHost("sender")
            network.addHost("receiver")
            network.addFault(Fault(
                name: "slicer", kind: .slicer(averageSize: sliceSize, sizeVariation: sliceSize / 4, delay: .microseconds(10)),
                target: .link("sender", "receiver")
            ))
            let listener = try network.listen(host: "receiver", port: 9000)
            let receiver = simulation.spawn(name: "receiver") { () -> (Int, Int) in
                guard let connection = try await listener.accept() else { return (0, 0) }
                var bytes = 0
                var segments = 0
                while let piece = try await connection.read() {
                    bytes += piece.count
                    segments += 1
                }
                return (bytes, segments)
            }
            let connection = try await network.connect(from: "sender", to: "receiver", port: 9000)
            let block = ArraySlice([UInt8](repeating: 0xA5, count: 16 << 20))
            var sent = 0
            while sent < totalBytes {
                let piece = block.prefix(totalBytes - sent)
                try await connection.write(piece)
                sent += piece.count
            }
            connection.shutdownWrite()
            return try await receiver.value
        }
        let wall = (ContinuousClock.now - start).secondsDouble
        let (bytes, segments) = (try? result.value?.get()) ?? (0, 0)
        return PayloadResult(
            bytes: bytes, segments: segments, wallSeconds: wall, virtualTime: result.virtualTime, outcome: result.outcome
        )
    }

    public struct HTTPResult: Sendable {
        public var requests: Int
        public var connections: Int
        public var steps: Int
        public var wallSeconds: Double
        public var virtualTime: Duration
        public var outcome: Outcome
        public var requestsPerWallSecond: Double { Double(requests) / wallSeconds }
    }

    /// `clients` concurrent clients each send `requestsPerClient` small GET requests over keep-alive connections to
    /// one server that answers with a 13-byte body.
    public static func http(clients: Int = 10, requestsPerClient: Int = 10_000) -> HTTPResult {
        let simulation = Simulation(
            seed: 1, configuration: SimulationConfiguration(timeLimit: .seconds(86_400), traceCapacity: 0)
        )
        let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
        let result = simulation.run { simulation in
            let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .microseconds(100)))
            network.addHost("client")
            network.addHost("server")
            // Canned request and response: the figure measures the HTTP stack, not building messages.
            let cannedResponse = HTTPServerResponse.text(.ok, "hello, world\n")
            let request = HTTPRequest(method: .get, scheme: "http", authority: "server:80", path: "/")
            let server = try SimHTTPServer(network: network, host: "server", port: 80) { _ in cannedResponse }
            server.start()
            let client = SimHTTPClient(network: network, host: "client")
            let completed = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        for _ in 0..<requestsPerClient {
                            let response = try await client.execute(request, body: nil, timeouts: HTTPTimeouts())
                            _ = try await response.body.collect(upTo: 1024)
                        }
                        return requestsPerClient
                    }
                }
                return try await group.reduce(0, +)
            }
            server.stop()
            return (completed, client.connectionsOpened)
        }
        let wall = (ContinuousClock.now - start).secondsDouble
        let (requests, connections) = (try? result.value?.get()) ?? (0, 0)
        return HTTPResult(
            requests: requests, connections: connections, steps: result.steps, wallSeconds: wall, virtualTime: result.virtualTime,
            outcome: result.outcome
        )
    }
}
