import ChaosNet
import HTTPTypes
import Testing

@Suite("HTTP determinism")
struct HTTPDeterminismTests {
    /// 1,000 HTTP requests from 10 concurrent clients under jitter, slicing, resets and injected 503s, with a retry
    /// on transient errors. Returns per-status counts and the number of transport errors.
    static func workload(seed: UInt64) -> SimulationResult<[String: Int]> {
        let faults = [
            Fault(name: "lag", kind: .latency(base: .milliseconds(2), jitter: .milliseconds(8)),
                  target: .link("client", "server")),
            Fault(name: "slices", kind: .slicer(averageSize: 200, sizeVariation: 150, delay: .microseconds(50)),
                  target: .service(host: "server", port: 80), direction: .downstream, toxicity: 0.5),
            Fault(name: "resets", kind: .resetPeer(after: .milliseconds(400)), target: .service(host: "server", port: 80),
                  toxicity: 0.2),
            Fault(name: "busy", kind: .httpStatus(code: 503, retryAfter: .seconds(1)),
                  target: .service(host: "server", port: 80), toxicity: 0.05),
        ]
        return runHTTP(seed: seed, faults: faults, handler: patternHandler(size: 5_000, chunked: true, piece: 700)) {
            simulation, _, client in
            try await withThrowingTaskGroup(of: [String: Int].self) { group in
                for worker in 0..<10 {
                    group.addTask {
                        var counts: [String: Int] = [:]
                        for index in 0..<100 {
                            do {
                                let response = try await client.execute(
                                    get("/\(worker)/\(index)"), body: nil,
                                    timeouts: HTTPTimeouts(connect: .seconds(1), readIdle: .seconds(1))
                                )
                                let body = try await response.body.collect(upTo: 10_000)
                                counts["\(response.head.status.code)", default: 0] += 1
                                if response.head.status == .ok, body != pattern(5_000) { counts["corrupt", default: 0] += 1 }
                            } catch let error as HTTPClientError {
                                counts["error", default: 0] += 1
                                simulation.trace("worker-\(worker)", "request \(index): \(error)")
                            }
                        }
                        return counts
                    }
                }
                return try await group.reduce(into: [:]) { total, counts in total.merge(counts, uniquingKeysWith: +) }
            }
        }
    }

    @Test("a 1,000-request HTTP workload gives identical digests per seed and different ones across seeds")
    func digests() throws {
        var digests: Set<TraceDigest> = []
        for seed in UInt64(1)...4 {
            let first = Self.workload(seed: seed)
            let second = Self.workload(seed: seed)
            let counts = try #require(first.valueOrRecord())
            #expect(counts.values.reduce(0, +) == 1000, "seed \(seed): \(counts)")
            #expect(counts["corrupt"] == nil, "seed \(seed)")
            #expect((counts["200"] ?? 0) > 500, "seed \(seed): \(counts)")
            #expect(first.digest == second.digest, "seed \(seed)")
            #expect(try first.value?.get() == second.value?.get(), "seed \(seed)")
            digests.insert(first.digest)
        }
        #expect(digests.count == 4)
    }

    @Test("a request without an authority, or with a bad port, is an invalid request")
    func invalidRequests() throws {
        let result = runHTTP(handler: { _ in .text(.ok, "") }) { _, _, client in
            let noAuthority = await httpError {
                _ = try await client.execute(HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/"),
                                             body: nil, timeouts: HTTPTimeouts())
            }
            let badPort = await httpError {
                _ = try await client.execute(get("/", authority: "server:99999"), body: nil, timeouts: HTTPTimeouts())
            }
            let unknownHost = await httpError {
                _ = try await client.execute(get("/", authority: "elsewhere:80"), body: nil, timeouts: HTTPTimeouts())
            }
            return [noAuthority, badPort, unknownHost]
        }
        #expect(result.valueOrRecord() == [
            .invalidRequest("the request has no authority (host[:port])"),
            .invalidRequest("bad port in authority server:99999"),
            .invalidRequest("unknown host elsewhere"),
        ])
    }
}

@Suite("README network example")
struct ReadmeNetworkExampleTests {
    @Test("the README's network example runs")
    func example() throws {
        let result = Simulation(seed: 3).run { simulation in
            let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .milliseconds(20)))
            network.addHost("ci")
            network.addHost("registry")
            network.addFault(Fault(name: "overload", kind: .timeout(closeAfter: nil),
                                   target: .service(host: "registry", port: 5001), direction: .downstream,
                                   activity: .episodes(meanGap: .seconds(600), meanDuration: .seconds(90))))
            let server = try SimHTTPServer(network: network, host: "registry", port: 5001) { _ in .text(.ok, "hi") }
            server.start()
            let client = SimHTTPClient(network: network, host: "ci")
            let request = HTTPRequest(method: .get, scheme: "http", authority: "registry:5001", path: "/")
            let response = try await client.execute(request, body: nil, timeouts: HTTPTimeouts(readIdle: .seconds(30)))
            return try await response.body.collect(upTo: 1 << 20)
        }
        #expect(try result.value?.get() == Array("hi".utf8))
    }
}
