import ChaosNet
import HTTPTypes
import Testing

@Suite("HTTP errors and faults")
struct HTTPFaultTests {
    static let service = FaultTarget.service(host: "server", port: 80)

    @Test("a partition makes the connect time out")
    func connectTimeout() throws {
        let fault = Fault(name: "split", kind: .partition, target: .link("client", "server"))
        let result = runHTTP(faults: [fault], handler: { _ in .text(.ok, "") }) { simulation, _, client in
            let error = await httpError {
                _ = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts(connect: .seconds(4)))
            }
            return (error, simulation.now)
        }
        let (error, at) = try #require(result.valueOrRecord())
        #expect(error == .connectTimeout(host: "server", port: 80))
        #expect(at == .epoch.advanced(by: .seconds(4)))
    }

    @Test("nothing listening, or a down service, is a refused connection")
    func refused() throws {
        let fault = Fault(name: "down", kind: .down, target: Self.service)
        let result = runHTTP(faults: [fault], handler: { _ in .text(.ok, "") }) { _, _, client in
            let down = await httpError { _ = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts()) }
            let closed = await httpError {
                _ = try await client.execute(get("/", authority: "server:81"), body: nil, timeouts: HTTPTimeouts())
            }
            return [down, closed]
        }
        #expect(result.valueOrRecord() == [.connectionRefused(host: "server", port: 80),
                                           .connectionRefused(host: "server", port: 81)])
    }

    @Test("a black hole mid-body is a read timeout, exactly one idle timeout after the last byte")
    func readTimeoutMidBody() throws {
        let link = LinkConditions(latency: .milliseconds(10), bandwidthBytesPerSecond: 1 << 20, segmentSize: 64 << 10)
        let fault = Fault(name: "stall", kind: .timeout(closeAfter: nil), target: Self.service, direction: .downstream,
                          activity: .windows([FaultWindow(start: .seconds(2), end: .seconds(3600))]))
        let result = runHTTP(link: link, faults: [fault], handler: patternHandler(size: 8 << 20, chunked: true)) {
            simulation, _, client in
            let response = try await client.execute(get("/tarball"), body: nil,
                                                    timeouts: HTTPTimeouts(readIdle: .seconds(30)))
            var lastByteAt = simulation.now
            let error = await httpError {
                while try await response.body.next() != nil { lastByteAt = simulation.now }
            }
            return (error, lastByteAt.duration(to: simulation.now), response.body.bytesRead)
        }
        let (error, idle, received) = try #require(result.valueOrRecord())
        #expect(error == .readTimeout(idle: .seconds(30)))
        #expect(idle == .seconds(30))
        #expect(received > 0 && received < 8 << 20)
    }

    @Test("the total timeout ends a slow but steady download")
    func totalTimeout() throws {
        let link = LinkConditions(latency: .milliseconds(10), bandwidthBytesPerSecond: 100 << 10)
        let result = runHTTP(link: link, handler: patternHandler(size: 4 << 20, chunked: false)) { simulation, _, client in
            let error = await httpError {
                let response = try await client.execute(
                    get("/"), body: nil, timeouts: HTTPTimeouts(readIdle: .seconds(5), total: .seconds(10))
                )
                _ = try await response.body.collect(upTo: 8 << 20)
            }
            return (error, simulation.now)
        }
        let (error, at) = try #require(result.valueOrRecord())
        #expect(error == .totalTimeout(.seconds(10)))
        #expect(at == .epoch.advanced(by: .seconds(10)))
    }

    @Test("reset_peer mid-body is a connection reset")
    func resetMidBody() throws {
        let link = LinkConditions(latency: .milliseconds(10), bandwidthBytesPerSecond: 1 << 20)
        let fault = Fault(name: "reset", kind: .resetPeer(after: .seconds(1)), target: Self.service)
        let result = runHTTP(link: link, faults: [fault], handler: patternHandler(size: 4 << 20, chunked: true)) {
            _, _, client in
            await httpError {
                let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
                _ = try await response.body.collect(upTo: 8 << 20)
            }
        }
        #expect(result.valueOrRecord() == .connectionReset)
    }

    @Test("a body shorter than its Content-Length is a truncated body with expected and received sizes")
    func truncatedContentLength() throws {
        let fault = Fault(name: "short", kind: .httpTruncateBody(afterBytes: 100_000), target: Self.service)
        let result = runHTTP(faults: [fault], handler: patternHandler(size: 1 << 20, chunked: false)) { _, _, client in
            await httpError {
                let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
                _ = try await response.body.collect(upTo: 8 << 20)
            }
        }
        #expect(result.valueOrRecord() == .truncatedBody(expected: 1 << 20, received: 100_000))
    }

    @Test("a close in the middle of a chunk, or between chunks with no final chunk, is a truncated body",
          arguments: [
              FaultKind.httpAbortMidChunk(afterBytes: 100_000),
              FaultKind.httpCloseBetweenChunks(afterBytes: 100_000),
          ])
    func truncatedChunked(kind: FaultKind) throws {
        let fault = Fault(name: "cut", kind: kind, target: Self.service)
        let result = runHTTP(faults: [fault], handler: patternHandler(size: 1 << 20, chunked: true, piece: 30_000)) {
            _, _, client in
            let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
            var received: [UInt8] = []
            let error = await httpError {
                while let chunk = try await response.body.next() { received.append(contentsOf: chunk) }
            }
            return (error, received)
        }
        let (error, received) = try #require(result.valueOrRecord())
        guard case let .truncatedBody(expected, count)? = error else {
            Issue.record("expected a truncated body, got \(String(describing: error))")
            return
        }
        #expect(expected == nil)
        #expect(count == received.count)
        #expect(received == Array(pattern(1 << 20).prefix(received.count)))
        if case .httpCloseBetweenChunks = kind {
            #expect(received.count == 120_000, "four whole 30,000-byte chunks")
        } else {
            #expect((90_000...100_000).contains(received.count))
        }
    }

    @Test("injected 429 carries Retry-After, 503 a JSON error body")
    func statusFaults() throws {
        let limited = Fault(name: "limited", kind: .httpStatus(code: 429, retryAfter: .seconds(30)), target: Self.service,
                            activity: .windows([FaultWindow(start: .zero, end: .seconds(1))]))
        let unavailable = Fault(name: "busy", kind: .httpStatus(code: 503, retryAfter: nil), target: Self.service,
                                activity: .windows([FaultWindow(start: .seconds(1), end: .seconds(2))]))
        let result = runHTTP(faults: [limited, unavailable], handler: { _ in .text(.ok, "fine") }) { simulation, _, client in
            var log: [String] = []
            for _ in 0..<3 {
                let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
                let body = String(decoding: try await response.body.collect(upTo: 1000), as: UTF8.self)
                log.append("\(response.head.status.code) \(response.head.headerFields[.retryAfter] ?? "-") \(body)")
                try await simulation.clock.sleep(for: .seconds(1))
            }
            return log
        }
        let log = try #require(result.valueOrRecord())
        #expect(log[0].hasPrefix("429 30 {\"Message\":\"injected by fault limited\""))
        #expect(log[1].hasPrefix("503 - {\"Message\":\"injected by fault busy\""))
        #expect(log[2] == "200 - fine")
    }

    @Test("slow headers delay the response head; a stalled body trips the read-idle timeout")
    func slowHeadersAndStall() throws {
        let slow = Fault(name: "slow", kind: .httpSlowHeaders(delay: .seconds(3)), target: Self.service)
        let stall = Fault(name: "stall", kind: .httpStallBody(afterBytes: 50_000, duration: nil), target: Self.service)
        let result = runHTTP(faults: [slow, stall], handler: patternHandler(size: 1 << 20, chunked: true)) {
            simulation, _, client in
            let start = simulation.now
            let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts(readIdle: .seconds(10)))
            let headAfter = start.duration(to: simulation.now)
            let error = await httpError { _ = try await response.body.collect(upTo: 8 << 20) }
            return (headAfter, error, response.body.bytesRead)
        }
        let (headAfter, error, received) = try #require(result.valueOrRecord())
        #expect(headAfter == .seconds(3) + .milliseconds(40))
        #expect(error == .readTimeout(idle: .seconds(10)))
        #expect(received == 50_000)
    }

    @Test("bytes that are not HTTP are a malformed response")
    func malformed() throws {
        let result = Simulation(seed: 1).run { simulation in
            let network = SimNetwork(simulation)
            network.addHost("client")
            network.addHost("server")
            let listener = try network.listen(host: "server", port: 80)
            simulation.spawn(name: "liar") {
                let connection = try #require(try await listener.accept())
                _ = try await connection.read()
                try await connection.write(Array("SSH-2.0-OpenSSH_9.6\r\n\r\n".utf8))
                connection.close()
            }
            let client = SimHTTPClient(network: network, host: "client")
            return await httpError { _ = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts()) }
        }
        guard case .malformedResponse? = result.valueOrRecord() else {
            Issue.record("expected a malformed response, got \(String(describing: result.value))")
            return
        }
    }

    @Test("a body over the caller's limit is too large, and errors say whether to retry")
    func tooLargeAndClassification() throws {
        let result = runHTTP(handler: patternHandler(size: 10_000, chunked: false)) { _, _, client in
            await httpError {
                let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
                _ = try await response.body.collect(upTo: 1000)
            }
        }
        #expect(result.valueOrRecord() == .tooLarge(limit: 1000))
        #expect(HTTPClientError.readTimeout(idle: .seconds(1)).isTransient)
        #expect(HTTPClientError.truncatedBody(expected: 10, received: 5).isTransient)
        #expect(!HTTPClientError.tooLarge(limit: 1).isTransient)
        #expect(!HTTPClientError.malformedResponse("x").isTransient)
    }
}
