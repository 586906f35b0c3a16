import ChaosCore
import ChaosNet
import Testing

/// The simulated peer network: dials, shared ids, multiplexed streams, resets, closes with codes, keep-alive and
/// the idle timeout, and bytes that are no frames.
@Suite struct PeerNetworkTests {
    static let alice = NodeID(0xa11c)
    static let bob = NodeID(0xb0b)

    /// Runs `body` with two nodes on hosts 10 ms apart, and returns its value or records why there is none.
    static func run<Value: Sendable>(
        seed: UInt64 = 1, faults: [Fault] = [],
        _ body: @escaping @Sendable (Simulation, SimNetwork, SimPeerNode, SimPeerNode) async throws -> Value
    ) -> Value? {
        let simulation = Simulation(seed: seed)
        let result = simulation.run { simulation in
            let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .milliseconds(10)))
            network.addHost("a")
            network.addHost("b")
            for fault in faults { network.addFault(fault) }
            let peers = SimPeerNetwork(network: network)
            let a = try peers.addNode(alice, host: "a")
            let b = try peers.addNode(bob, host: "b")
            return try await body(simulation, network, a, b)
        }
        switch result.value {
        case let .success(value)?: return value
        case let .failure(error)?:
            Issue.record("the world threw \(error)")
            return nil
        case nil:
            Issue.record("the run ended \(result.outcome)")
            return nil
        }
    }

    @Test func aDialTakesOneRoundTripAndBothEndsShareItsID() throws {
        let seen = Self.run { simulation, _, a, b in
            let started = simulation.now
            let outbound = try await a.dialConnection(Self.bob, at: b.address)
            let dialed = started.duration(to: simulation.now)
            let inbound = try #require(try await b.acceptConnection())
            return [
                "\(dialed)", "\(outbound.sharedID == inbound.sharedID)", "\(inbound.remoteNode)",
                "\(outbound.remoteNode)", outbound.direction.rawValue, inbound.direction.rawValue,
            ]
        }
        #expect(seen == [
            "\(Duration.milliseconds(20))", "true", "\(Self.alice)", "\(Self.bob)", "outbound", "inbound",
        ])
    }

    @Test func streamsCarryBytesBothWaysAndFinishClean() throws {
        let seen = Self.run { simulation, _, a, b in
            simulation.spawn(name: "echo server") {
                let connection = try #require(try await b.acceptConnection())
                while let stream = try await connection.acceptStream() {
                    var request: [UInt8] = []
                    while let piece = try await stream.read(maxLength: 7, timeout: nil) { request += piece }
                    try await stream.write(ArraySlice(request.reversed()))
                    stream.shutdownWrite()
                }
            }
            let connection = try await a.dialConnection(Self.bob, at: b.address)
            var answers: [String] = []
            for text in ["first request", "second", String(repeating: "x", count: 200_000)] {
                let stream = try await connection.openStream()
                try await stream.write(ArraySlice(text.utf8))
                stream.shutdownWrite()
                var answer: [UInt8] = []
                while let piece = try await stream.read(maxLength: .max, timeout: .seconds(5)) { answer += piece }
                answers.append(String(decoding: answer.reversed(), as: UTF8.self) == text ? "echoed" : "wrong")
                answers.append("stream \(stream.streamID)")
            }
            answers.append("open \(connection.openStreamCount)")
            return answers
        }
        #expect(seen == ["echoed", "stream 0", "echoed", "stream 4", "echoed", "stream 8", "open 0"])
    }

    @Test func aResetStreamFailsThePeersReadWithItsCode() throws {
        let seen = Self.run { simulation, _, a, b in
            let reader = simulation.spawn(name: "reader") { () -> String in
                let connection = try #require(try await b.acceptConnection())
                let stream = try #require(try await connection.acceptStream())
                _ = try await stream.read(maxLength: .max, timeout: nil)
                do {
                    _ = try await stream.read(maxLength: .max, timeout: nil)
                    return "read on"
                } catch {
                    return "\(error)"
                }
            }
            let connection = try await a.dialConnection(Self.bob, at: b.address)
            let stream = try await connection.openStream()
            try await stream.write([1][...])
            try await simulation.clock.sleep(for: .seconds(1))
            stream.reset(code: 7)
            return try await reader.value
        }
        #expect(seen == "\(PeerConnectionError.streamReset(code: 7))")
    }

    @Test func aCloseTellsThePeerItsCodeAndReason() throws {
        let seen = Self.run { simulation, _, a, b in
            let connection = try await a.dialConnection(Self.bob, at: b.address)
            let inbound = try #require(try await b.acceptConnection())
            let stream = try await connection.openStream()
            try await stream.write([1, 2][...])
            try await simulation.clock.sleep(for: .seconds(1))
            inbound.close(code: 1, reason: "NodeConnection is forcing destruction")
            let reason = await connection.waitClosed()
            var lines = ["\(reason)", "\(inbound.closedReason.map { "\($0)" } ?? "open")"]
            do {
                _ = try await connection.openStream()
            } catch {
                lines.append("open: \(error)")
            }
            do {
                _ = try await stream.read(maxLength: .max, timeout: nil)
            } catch {
                lines.append("read: \(error)")
            }
            return lines
        }
        let peerClosed = PeerConnectionError.peerClosed(
            isApp: true, code: 1, reason: "NodeConnection is forcing destruction")
        #expect(seen == [
            "\(peerClosed)",
            "\(PeerConnectionError.localClosed(code: 1, reason: "NodeConnection is forcing destruction"))",
            "open: \(peerClosed)", "read: \(peerClosed)",
        ])
    }

    @Test func keepAlivesHoldAnIdleConnectionAndASilentPeerTimesOut() throws {
        // The link goes silent at 100 s for good: only the idle timeout can notice, 30 s after the last packet.
        let silence = Fault(
            name: "silence", kind: .partition, target: .link("a", "b"),
            activity: .windows([FaultWindow(start: .seconds(100), end: .seconds(100_000))]))
        let seen = Self.run(faults: [silence]) { simulation, _, a, b in
            let connection = try await a.dialConnection(Self.bob, at: b.address)
            let inbound = try #require(try await b.acceptConnection())
            try await simulation.clock.sleep(for: .seconds(90))
            let openAt90 = connection.closedReason == nil && inbound.closedReason == nil
            let reason = await connection.waitClosed()
            let closedAt = simulation.now.offset
            let peerReason = await inbound.waitClosed()
            return ["open at 90 s: \(openAt90)", "\(reason)", "\(peerReason)", "\(closedAt <= .seconds(131))",
                    "\(closedAt >= .seconds(120))"]
        }
        #expect(seen == [
            "open at 90 s: true", "\(PeerConnectionError.idleTimeout)", "\(PeerConnectionError.idleTimeout)", "true",
            "true",
        ])
    }

    @Test func bytesThatAreNoFramesCloseTheConnectionAndNothingIsHandedOut() throws {
        let seen = Self.run { simulation, network, _, b in
            let raw = try await network.connect(from: "a", to: "b", port: b.address.port)
            try await raw.write([0x77, 0x00][...])
            let answer = try await raw.read(maxLength: .max, timeout: .seconds(5))
            b.stop()
            let accepted = try await b.acceptConnection()
            // The node answered with a close frame naming the violation, then closed.
            return [answer.map { "\($0.first ?? 0)" } ?? "eof", accepted == nil ? "nothing accepted" : "accepted"]
        }
        #expect(seen == ["6", "nothing accepted"])
    }

    @Test func dialsThatFailSayHow() throws {
        let seen = Self.run { simulation, _, a, b in
            var lines: [String] = []
            do {
                _ = try await a.dialConnection(Self.bob, at: Endpoint(host: "b", port: 9))
            } catch {
                lines.append("\(error)")
            }
            b.stop()
            a.stop()
            do {
                _ = try await a.dialConnection(Self.bob, at: b.address)
            } catch {
                lines.append("\(error)")
            }
            return lines
        }
        #expect(seen == ["\(PeerConnectionError.connectRefused)", "\(PeerConnectionError.notRunning)"])
    }

    @Test func theSameSeedGivesTheSameTrace() {
        func digest() -> TraceDigest {
            let simulation = Simulation(seed: 5)
            return simulation.run { simulation in
                let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .milliseconds(3)))
                network.addHost("a")
                network.addHost("b")
                let peers = SimPeerNetwork(network: network)
                let a = try peers.addNode(Self.alice, host: "a")
                let b = try peers.addNode(Self.bob, host: "b")
                simulation.spawn(name: "server") {
                    let connection = try #require(try await b.acceptConnection())
                    while let stream = try await connection.acceptStream() {
                        while let piece = try await stream.read(maxLength: .max, timeout: nil) {
                            try await stream.write(piece)
                        }
                        stream.shutdownWrite()
                    }
                }
                let connection = try await a.dialConnection(Self.bob, at: b.address)
                await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<5 {
                        group.addTask {
                            let stream = try await connection.openStream()
                            try await stream.write(ArraySlice(repeating: UInt8(index), count: 1000 * (index + 1)))
                            stream.shutdownWrite()
                            while try await stream.read(maxLength: 100, timeout: nil) != nil {}
                        }
                    }
                }
                connection.close(code: 0, reason: "done")
                return 0
            }.digest
        }
        #expect(digest() == digest())
    }
}
