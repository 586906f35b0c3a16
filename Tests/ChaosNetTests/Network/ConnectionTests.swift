import ChaosNet
import Testing

@Suite("Network connections")
struct ConnectionTests {
    @Test("bytes arrive in order, after one round trip to connect and the link latency to deliver")
    func orderedDeliveryWithLatency() throws {
        let result = runNetwork { simulation, network, listener in
            let clock = simulation.clock
            let server = simulation.spawn(name: "server") { () -> ([UInt8], SimClock.Instant?) in
                let connection = try #require(try await listener.accept())
                let first = try await connection.read()
                let firstAt = clock.now
                var rest = try await drain(connection, clock: clock).bytes
                rest.insert(contentsOf: first ?? [], at: 0)
                return (rest, firstAt)
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            let connectedAt = clock.now
            try await connection.write(pattern(100_000))
            connection.shutdownWrite()
            let (bytes, firstAt) = try await server.value
            return (connectedAt, firstAt, bytes)
        }
        let (connectedAt, firstAt, bytes) = try #require(result.valueOrRecord())
        #expect(connectedAt == .epoch.advanced(by: .milliseconds(20)))
        #expect(firstAt == .epoch.advanced(by: .milliseconds(30)))
        #expect(bytes == pattern(100_000))
    }

    @Test("segments that arrive at one instant all reach a reader that did not run between them")
    func sameInstantSegments() throws {
        for seed: UInt64 in 1...8 {
            let result = runNetwork(seed: seed, timerWakeups: .together) { simulation, network, listener in
                let clock = simulation.clock
                let server = simulation.spawn(name: "server") { () -> (bytes: [UInt8], pieces: Int) in
                    let connection = try #require(try await listener.accept())
                    let drained = try await drain(connection, clock: clock)
                    return (drained.bytes, drained.pieces.count)
                }
                let connection = try await network.connect(from: "client", to: "server", port: 80)
                for piece in 0..<5 {
                    try await connection.write(ArraySlice(repeating: UInt8(piece), count: 100))
                    // The departure fires before the sleeper of the same instant: one segment per write, all sent,
                    // and so all delivered, at one virtual instant.
                    try await clock.sleep(for: .zero)
                }
                connection.shutdownWrite()
                return try await server.value
            }
            let (bytes, pieces) = try #require(result.valueOrRecord())
            #expect(bytes == (0..<5).flatMap { [UInt8](repeating: UInt8($0), count: 100) }, "seed \(seed)")
            #expect(pieces == 5, "seed \(seed)")
        }
    }

    @Test("bandwidth spaces segments out: 1 MiB at 1 MiB/s arrives 1 s plus latency after it was written")
    func bandwidth() throws {
        let link = LinkConditions(latency: .milliseconds(10), bandwidthBytesPerSecond: 1 << 20, segmentSize: 64 << 10)
        let result = runNetwork(link: link) { simulation, network, listener in
            let clock = simulation.clock
            let server = simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                return try await drain(connection, clock: clock)
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            let start = clock.now
            try await connection.write(pattern(1 << 20))
            connection.shutdownWrite()
            let (bytes, pieces) = try await server.value
            return (start, bytes.count, pieces.map(\.size), pieces.last!.at)
        }
        let (start, count, sizes, lastAt) = try #require(result.valueOrRecord())
        #expect(count == 1 << 20)
        #expect(sizes.allSatisfy { $0 == 64 << 10 })
        #expect(start.duration(to: lastAt) == .seconds(1) + .milliseconds(10))
    }

    @Test("the writer blocks while the send buffer is full (back-pressure)")
    func backPressure() throws {
        let link = LinkConditions(latency: .zero, bandwidthBytesPerSecond: 1000, segmentSize: 100, sendBufferSize: 1000)
        let result = runNetwork(link: link) { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                _ = try await drain(connection, clock: clock)
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            let start = clock.now
            try await connection.write(pattern(3000))
            return start.duration(to: clock.now)
        }
        // 3000 bytes queued into a 1000-byte buffer: a segment leaves the buffer when it starts transmitting, so the
        // write returns when the 20th 100-byte segment starts, at 19 × 0.1 s.
        #expect(result.valueOrRecord() == .milliseconds(1900))
    }

    @Test("half close: the peer reads end of stream while the other direction still works")
    func halfClose() throws {
        let result = runNetwork { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                let request = try await drain(connection, clock: clock).bytes
                try await connection.write(request.reversed())
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            try await connection.write([1, 2, 3])
            connection.shutdownWrite()
            return try await drain(connection, clock: clock).bytes
        }
        #expect(result.valueOrRecord() == [3, 2, 1])
    }

    @Test("connecting to a port nobody listens on is refused after one round trip")
    func refused() throws {
        let result = runNetwork { simulation, network, _ in
            do {
                _ = try await network.connect(from: "client", to: "server", port: 81)
                return "connected"
            } catch let error as NetworkError {
                return "\(error) at \(simulation.now)"
            }
        }
        #expect(result.valueOrRecord() == "connection refused by server:81 at t+0.02s")
    }

    @Test("unknown hosts and ports in use are typed errors")
    func topologyErrors() throws {
        let result = runNetwork { _, network, _ in
            var errors: [NetworkError] = []
            do { _ = try await network.connect(from: "client", to: "nowhere", port: 80) } catch let error as NetworkError {
                errors.append(error)
            }
            do { _ = try network.listen(host: "server", port: 80) } catch let error as NetworkError { errors.append(error) }
            return errors
        }
        #expect(result.valueOrRecord() == [.unknownHost("nowhere"), .addressInUse(host: "server", port: 80)])
    }

    @Test("a read deadline fails at exactly the deadline, not a nanosecond before")
    func readDeadline() throws {
        let result = runNetwork { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "silent server") {
                let connection = try #require(try await listener.accept())
                try await clock.sleep(for: .seconds(100))
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            let deadline = clock.now.advanced(by: .seconds(5))
            do {
                _ = try await connection.read(deadline: deadline)
                return "read something"
            } catch NetworkError.readTimeout(let after) {
                return "timeout after \(after) at \(clock.now.duration(to: deadline))"
            }
        }
        #expect(result.valueOrRecord() == "timeout after 5.0 seconds at 0.0 seconds")
    }

    @Test("reading past a short read returns the rest of the segment")
    func partialReads() throws {
        let result = runNetwork { simulation, network, listener in
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                try await connection.write(pattern(10))
                connection.close()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            var pieces: [[UInt8]] = []
            while let piece = try await connection.read(maxLength: 4) { pieces.append(Array(piece)) }
            return pieces
        }
        #expect(result.valueOrRecord() == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
    }
}
