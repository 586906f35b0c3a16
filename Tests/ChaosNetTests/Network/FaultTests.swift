import ChaosNet
import Testing

@Suite("Network faults")
struct FaultTests {
    /// Server on server:80 that writes `size` bytes and closes.
    static func sendAndClose(_ size: Int) -> @Sendable (Simulation, SimNetwork, SimListener) async throws
        -> (bytes: [UInt8], pieces: [(size: Int, at: SimClock.Instant)])
    {
        { simulation, network, listener in
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                try await connection.write(pattern(size))
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            return try await drain(connection, clock: simulation.clock)
        }
    }

    @Test("slicer: the reader sees segments of the configured size range, the configured delay apart")
    func slicer() throws {
        let fault = Fault(
            name: "slices", kind: .slicer(averageSize: 100, sizeVariation: 20, delay: .milliseconds(5)),
            target: .service(host: "server", port: 80), direction: .downstream
        )
        let result = runNetwork(link: LinkConditions(latency: .milliseconds(10)), faults: [fault], Self.sendAndClose(10_000))
        let (bytes, pieces) = try #require(result.valueOrRecord())
        #expect(bytes == pattern(10_000))
        #expect(pieces.dropLast().allSatisfy { (80...120).contains($0.size) })
        #expect(Set(pieces.map(\.size)).count > 10, "sizes should vary")
        let gaps = zip(pieces.dropFirst(), pieces).map { $1.at.duration(to: $0.at) }
        #expect(gaps.allSatisfy { $0 == .milliseconds(5) })
        #expect(result.trace.events.contains { $0.message.hasPrefix("slices (slicer(100 ± 20 B, 0.005s apart)) acts on") })
    }

    @Test("limit_data: exactly N bytes arrive, then end of stream")
    func limitData() throws {
        let fault = Fault(name: "limit", kind: .limitData(bytes: 12_345), target: .service(host: "server", port: 80),
                          direction: .downstream)
        let result = runNetwork(faults: [fault], Self.sendAndClose(100_000))
        let (bytes, _) = try #require(result.valueOrRecord())
        #expect(bytes == Array(pattern(100_000).prefix(12_345)))
    }

    @Test("timeout (black hole) mid-stream: the idle read fails exactly one read timeout after the last byte")
    func blackHoleReadTimeout() throws {
        // 1 MiB at 100 KiB/s; the black hole opens at t = 3 s, so data stops arriving then.
        let link = LinkConditions(latency: .milliseconds(10), bandwidthBytesPerSecond: 100 << 10, segmentSize: 10 << 10)
        let fault = Fault(
            name: "registry-stall", kind: .timeout(closeAfter: nil), target: .service(host: "server", port: 80),
            direction: .downstream, activity: .windows([FaultWindow(start: .seconds(3), end: .seconds(3600))])
        )
        let result = runNetwork(link: link, faults: [fault]) { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                try await connection.write(pattern(1 << 20))
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            var received = 0
            var lastArrival = clock.now
            do {
                while let piece = try await connection.read(timeout: .seconds(30)) {
                    received += piece.count
                    lastArrival = clock.now
                }
                return "complete"
            } catch NetworkError.readTimeout {
                return "timeout \(lastArrival.duration(to: clock.now)) after \(received) bytes, last at \(lastArrival)"
            }
        }
        let summary = try #require(result.valueOrRecord())
        // Connected at 0.02 s; 10 KiB segments depart every 0.1 s, so 30 of them leave before 3 s, the last at
        // 2.92 s, arriving 0.1 s (transmit) + 0.01 s (latency) later.
        #expect(summary == "timeout 30.0 seconds after 307200 bytes, last at t+3.03s")
        #expect(result.trace.events.contains { $0.message.contains("registry-stall dropped") })
    }

    @Test("reset_peer: the reader gets some of the body, then a reset at the configured time")
    func resetMidBody() throws {
        let link = LinkConditions(latency: .milliseconds(10), bandwidthBytesPerSecond: 100 << 10, segmentSize: 10 << 10)
        let fault = Fault(name: "reset", kind: .resetPeer(after: .seconds(2)), target: .service(host: "server", port: 80))
        let result = runNetwork(link: link, faults: [fault]) { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                try? await connection.write(pattern(1 << 20))
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            var received = 0
            do {
                while let piece = try await connection.read() { received += piece.count }
                return "complete"
            } catch NetworkError.connectionReset {
                return "reset at \(clock.now) after \(received) bytes"
            }
        }
        #expect(result.valueOrRecord() == "reset at t+2.02s after 194560 bytes")
    }

    @Test("partition and repair: connects time out during it, SYN retransmission gets through after it")
    func partitionAndRepair() throws {
        let fault = Fault(
            name: "split", kind: .partition, target: .link("client", "server"),
            activity: .windows([FaultWindow(start: .zero, end: .seconds(10))])
        )
        let result = runNetwork(faults: [fault]) { simulation, network, listener in
            simulation.spawn(name: "acceptor") {
                while let connection = try await listener.accept() { connection.close() }
            }
            var log: [String] = []
            do {
                _ = try await network.connect(from: "client", to: "server", port: 80, timeout: .seconds(3))
            } catch let error as NetworkError {
                log.append("\(error) at \(simulation.now)")
            }
            // SYN retransmissions at 1, 3, 7, … s after this attempt's start (3 s): the one at 10 s meets the repair.
            _ = try await network.connect(from: "client", to: "server", port: 80)
            log.append("connected at \(simulation.now)")
            listener.close()
            return log
        }
        #expect(result.valueOrRecord() == [
            "connecting to server:80 timed out after 3s at t+3s",
            "connected at t+10.02s",
        ])
    }

    @Test("clog: data is held while the fault is active and delivered in order when it ends")
    func clog() throws {
        let fault = Fault(
            name: "clog", kind: .clog, target: .link("server", "client"), direction: .upstream,
            activity: .windows([FaultWindow(start: .seconds(1), end: .seconds(4))])
        )
        let result = runNetwork(faults: [fault]) { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                for index in 0..<6 {
                    try await connection.write([UInt8(index)])
                    try await clock.sleep(for: .seconds(1))
                }
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            return try await drain(connection, clock: clock).pieces.map { "\($0.at)" }
        }
        // Written at 0.02, 1.02, …; those at 1.02, 2.02 and 3.02 wait for the end of the clog at 4 s.
        #expect(result.valueOrRecord() == ["t+0.03s", "t+4.01s", "t+4.01s", "t+4.01s", "t+4.03s", "t+5.03s"])
    }

    @Test("hold: data waits until the hold is released")
    func holdAndRelease() throws {
        let result = runNetwork { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                try await clock.sleep(for: .seconds(1))
                try await connection.write(pattern(10))
                connection.close()
            }
            simulation.spawn(name: "releaser") {
                try await clock.sleep(for: .seconds(7))
                network.release("hold")
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            // Held from here on; a hold in place before connecting would hold the handshake too.
            network.addFault(Fault(name: "hold", kind: .hold, target: .host("server"), direction: .downstream))
            return try await drain(connection, clock: clock).pieces.map { "\($0.size) at \($0.at)" }
        }
        #expect(result.valueOrRecord() == ["10 at t+7.01s"])
    }

    @Test("down: connection attempts are refused while the service is down")
    func down() throws {
        let fault = Fault(
            name: "down", kind: .down, target: .service(host: "server", port: 80),
            activity: .windows([FaultWindow(start: .zero, end: .seconds(5))])
        )
        let result = runNetwork(faults: [fault]) { simulation, network, listener in
            simulation.spawn(name: "acceptor") {
                while let connection = try await listener.accept() { connection.close() }
            }
            var log: [String] = []
            for _ in 0..<2 {
                do {
                    _ = try await network.connect(from: "client", to: "server", port: 80)
                    log.append("connected at \(simulation.now)")
                } catch let error as NetworkError {
                    log.append("\(error) at \(simulation.now)")
                }
                try await simulation.clock.sleep(for: .seconds(5))
            }
            listener.close()
            return log
        }
        #expect(result.valueOrRecord() == ["connection refused by server:80 at t+0.02s", "connected at t+5.04s"])
    }

    @Test("slow_close delays the end of stream")
    func slowClose() throws {
        let fault = Fault(name: "slow", kind: .slowClose(delay: .seconds(2)), target: .service(host: "server", port: 80))
        let result = runNetwork(faults: [fault]) { simulation, network, listener in
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                try await connection.write([1])
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            _ = try await drain(connection, clock: simulation.clock)
            return simulation.now
        }
        // The byte arrives at 0.03 s; the close leaves at 0.02 s and arrives 0.01 s + 2 s later.
        #expect(result.valueOrRecord() == .epoch.advanced(by: .milliseconds(2030)))
    }

    @Test("latency with jitter keeps the byte order")
    func jitterKeepsOrder() throws {
        let fault = Fault(name: "lag", kind: .latency(base: .milliseconds(50), jitter: .milliseconds(40)),
                          target: .link("client", "server"))
        let result = runNetwork(link: LinkConditions(latency: .milliseconds(1), segmentSize: 100), faults: [fault],
                                Self.sendAndClose(50_000))
        let (bytes, pieces) = try #require(result.valueOrRecord())
        #expect(bytes == pattern(50_000))
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.at <= $1.at })
    }

    @Test("toxicity applies a fault to about that share of connections")
    func toxicity() throws {
        let fault = Fault(name: "flaky", kind: .resetPeer(after: .zero), target: .service(host: "server", port: 80),
                          toxicity: 0.3)
        let result = runNetwork(seed: 3, faults: [fault]) { simulation, network, listener in
            simulation.spawn(name: "server") {
                while let connection = try await listener.accept() {
                    try? await connection.write([42])
                    connection.close()
                }
            }
            var resets = 0
            for _ in 0..<400 {
                let connection = try await network.connect(from: "client", to: "server", port: 80)
                do { _ = try await drain(connection, clock: simulation.clock) } catch NetworkError.connectionReset {
                    resets += 1
                }
            }
            listener.close()
            return resets
        }
        let resets = try #require(result.valueOrRecord())
        #expect((80...160).contains(resets), "expected about 120 of 400, got \(resets)")
    }
}
