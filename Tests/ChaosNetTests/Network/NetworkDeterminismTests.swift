import ChaosNet
import Testing

@Suite("Network determinism")
struct NetworkDeterminismTests {
    /// 1,000 request/response exchanges from 10 concurrent clients over keep-alive connections, with jitter, slicing
    /// and resets in play. Returns the completed and failed counts.
    static func workload(_ simulation: Simulation, _ network: SimNetwork, _ listener: SimListener) async throws
        -> [Int]
    {
        network.addFault(Fault(name: "lag", kind: .latency(base: .milliseconds(2), jitter: .milliseconds(8)),
                               target: .link("client", "server")))
        network.addFault(Fault(name: "slices", kind: .slicer(averageSize: 40, sizeVariation: 30, delay: .microseconds(50)),
                               target: .service(host: "server", port: 80), direction: .downstream, toxicity: 0.5))
        network.addFault(Fault(name: "resets", kind: .resetPeer(after: .milliseconds(300)),
                               target: .service(host: "server", port: 80), toxicity: 0.2))
        simulation.spawn(name: "server") {
            while let connection = try await listener.accept() {
                simulation.spawn(name: "handler \(connection.id)") {
                    while let request = try? await connection.read() {
                        try? await connection.write(Array(repeating: request.first ?? 0, count: 100))
                    }
                    connection.close()
                }
            }
        }
        let outcome = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for client in 0..<10 {
                group.addTask {
                    var completed = 0
                    var failed = 0
                    var connection = try await network.connect(from: "client", to: "server", port: 80)
                    for request in 0..<100 {
                        do {
                            try await connection.write([UInt8(request)])
                            var received = 0
                            while received < 100 {
                                guard let piece = try await connection.read(timeout: .seconds(1)) else {
                                    throw NetworkError.connectionClosed
                                }
                                received += piece.count
                            }
                            completed += 1
                        } catch {
                            failed += 1
                            simulation.trace("client-\(client)", "request \(request) failed: \(error)")
                            connection = try await network.connect(from: "client", to: "server", port: 80)
                        }
                    }
                    connection.close()
                    return (completed, failed)
                }
            }
            return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        listener.close()
        return [outcome.0, outcome.1]
    }

    @Test("a 1,000-request workload gives identical digests per seed and different ones across seeds")
    func digests() throws {
        var digests: Set<TraceDigest> = []
        for seed in UInt64(1)...8 {
            let first = runNetwork(seed: seed) { try await Self.workload($0, $1, $2) }
            let second = runNetwork(seed: seed) { try await Self.workload($0, $1, $2) }
            let counts = try #require(first.valueOrRecord())
            #expect(counts[0] + counts[1] == 1000, "seed \(seed)")
            #expect(counts[1] > 0, "resets should fail some requests (seed \(seed))")
            #expect(first.digest == second.digest, "seed \(seed)")
            #expect(first.trace.events == second.trace.events, "seed \(seed)")
            digests.insert(first.digest)
        }
        #expect(digests.count == 8)
    }
}
