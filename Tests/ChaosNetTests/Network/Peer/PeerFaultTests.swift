import ChaosCore
import ChaosNet
import Testing

/// The peer network's faults: each does what it says, is seeded, and is traced.
@Suite struct PeerFaultTests {
    static let alice = PeerNetworkTests.alice
    static let bob = PeerNetworkTests.bob

    /// Runs `body` with nodes alice (host a) and bob (host b) and `faults`; returns its value and the trace.
    static func run<Value: Sendable>(
        seed: UInt64 = 1, _ faults: [PeerFault],
        _ body: @escaping @Sendable (Simulation, SimPeerNode, SimPeerNode) async throws -> Value
    ) -> (value: Value?, trace: [String]) {
        let simulation = Simulation(seed: seed)
        let result = simulation.run { simulation in
            let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .milliseconds(10)))
            network.addHost("a")
            network.addHost("b")
            let peers = SimPeerNetwork(network: network)
            for fault in faults { peers.addFault(fault) }
            let a = try peers.addNode(alice, host: "a")
            let b = try peers.addNode(bob, host: "b")
            return try await body(simulation, a, b)
        }
        let value = try? result.value?.get()
        if value == nil { Issue.record("seed \(seed) ended \(result.outcome): \(String(describing: result.value))") }
        return (value, result.trace.events.map(\.message))
    }

    @Test func aCrashedNodeIsNoticedOnlyByTheIdleTimeout() {
        let (seen, trace) = Self.run([]) { simulation, a, b in
            let outbound = try await a.dialConnection(Self.bob, at: b.address)
            let inbound = try #require(try await b.acceptConnection())
            try await simulation.clock.sleep(for: .seconds(5))
            a.crash()
            let crashedAt = simulation.now
            let reason = await inbound.waitClosed()
            var lines = ["\(reason)", "after \(crashedAt.duration(to: simulation.now) <= .seconds(30))",
                         "\(outbound.closedReason.map { "\($0)" } ?? "open")"]
            do {
                _ = try await b.dialConnection(Self.alice, at: a.address)
            } catch {
                lines.append("dial: \(error)")
            }
            return lines
        }
        #expect(seen == [
            "\(PeerConnectionError.idleTimeout)", "after true",
            "\(PeerConnectionError.localClosed(code: 0, reason: "the node crashed"))",
            "dial: \(PeerConnectionError.connectRefused)",
        ])
        #expect(trace.contains { $0.hasPrefix("peer node \(Self.alice)") && $0.hasSuffix("crashed") })
    }

    @Test func anAbortTellsThePeersItsCode() {
        let (seen, _) = Self.run([]) { _, a, b in
            _ = try await a.dialConnection(Self.bob, at: b.address)
            let inbound = try #require(try await b.acceptConnection())
            a.abort(code: 42, reason: "Connection already exists, forcing close")
            return "\(await inbound.waitClosed())"
        }
        let expected = PeerConnectionError.peerClosed(
            isApp: true, code: 42, reason: "Connection already exists, forcing close")
        #expect(seen == "\(expected)")
    }

    @Test func randomClosesSplitIntoFoundationDBsThirds() {
        let fault = PeerFault(
            name: "roll", kind: .randomClose(probabilityPerFrame: 1, cooldown: .zero), node: Self.alice)
        var splits: [String: Int] = [:]
        for seed: UInt64 in 1...40 {
            let (seen, trace) = Self.run(seed: seed, [fault]) { simulation, a, b in
                let outbound = try await a.dialConnection(Self.bob, at: b.address)
                try await simulation.clock.sleep(for: .seconds(1))
                // The hello was alice's first frame: the roll struck there.
                return outbound.closedReason == nil ? "alice open" : "alice closed"
            }
            let split = trace.first { $0.hasPrefix("fault roll: random close of") }
                .map { $0.components(separatedBy: ": ").last ?? "" }
            splits[split ?? "none", default: 0] += 1
            let expected = split == "the peer's end" ? "alice open" : "alice closed"
            #expect(seen == expected, "seed \(seed): \(split ?? "no roll")")
        }
        #expect(Set(splits.keys) == ["both ends", "the peer's end", "this end"], "\(splits)")
    }

    @Test(arguments: [PeerFault.StreamResetPhase.beforeFirstByte, .midResponse])
    func aResetStreamFailsTheCallerAtItsPhase(_ phase: PeerFault.StreamResetPhase) {
        let fault = PeerFault(name: "resets", kind: .streamReset(probability: 1, phase: phase, code: 9), node: Self.bob)
        let (seen, trace) = Self.run([fault]) { simulation, a, b in
            simulation.spawn(name: "server") {
                let connection = try #require(try await b.acceptConnection())
                while let stream = try await connection.acceptStream() {
                    try? await stream.write(ArraySlice(repeating: 1, count: 100))
                    try? await stream.write(ArraySlice(repeating: 2, count: 100))
                }
            }
            let connection = try await a.dialConnection(Self.bob, at: b.address)
            let stream = try await connection.openStream()
            try await stream.write([0][...])
            var received = 0
            do {
                while let piece = try await stream.read(maxLength: .max, timeout: .seconds(5)) {
                    received += piece.count
                }
                return "ended after \(received)"
            } catch {
                return "\(error) after \(received)"
            }
        }
        let bytes = phase == .beforeFirstByte ? 0 : 100
        #expect(seen == "\(PeerConnectionError.streamReset(code: 9)) after \(bytes)")
        #expect(trace.contains { $0.hasPrefix("fault resets: stream 0 of") && $0.hasSuffix(phase.rawValue) })
    }

    @Test func aFailingConnectRefusesOrHangsHalfTheTime() {
        let fault = PeerFault(name: "dials", kind: .connectFailure(probability: 1), node: Self.bob)
        var outcomes: [String: Int] = [:]
        for seed: UInt64 in 1...20 {
            let (seen, _) = Self.run(seed: seed, [fault]) { simulation, a, b in
                let started = simulation.now
                do {
                    _ = try await a.dialConnection(Self.bob, at: b.address, timeout: .seconds(15))
                    return "connected"
                } catch {
                    return "\(error) after \(started.duration(to: simulation.now))"
                }
            }
            outcomes[seen ?? "nothing", default: 0] += 1
        }
        #expect(Set(outcomes.keys) == [
            "\(PeerConnectionError.connectRefused) after \(Duration.milliseconds(20))",
            "\(PeerConnectionError.connectTimeout) after \(Duration.seconds(15))",
        ], "\(outcomes)")
    }

    @Test func aNodeThatRejectsEveryInboundConnectionClosesItWithItsCode() {
        let fault = PeerFault(
            name: "reject", kind: .rejectInbound(code: 42, reason: "Connection already exists, forcing close"),
            node: Self.bob)
        let (seen, _) = Self.run([fault]) { _, a, b in
            let connection = try await a.dialConnection(Self.bob, at: b.address)
            let reason = await connection.waitClosed()
            b.stop()
            let accepted = try await b.acceptConnection()
            return ["\(reason)", accepted == nil ? "nothing accepted" : "accepted"]
        }
        let rejected = PeerConnectionError.peerClosed(
            isApp: true, code: 42, reason: "Connection already exists, forcing close")
        #expect(seen == ["\(rejected)", "nothing accepted"])
    }

    @Test(arguments: [(Duration.seconds(20), "open"), (.seconds(60), "idle")])
    func heldKeepAlivesTimeAnIdleConnectionOutOnlyWhenHeldTooLong(_ hold: Duration, _ expected: String) {
        let fault = PeerFault(
            name: "hold", kind: .holdKeepAlives, node: Self.alice,
            activity: .windows([FaultWindow(start: .seconds(1), end: .seconds(1) + hold)]))
        let (seen, trace) = Self.run([fault]) { simulation, a, b in
            let outbound = try await a.dialConnection(Self.bob, at: b.address)
            let inbound = try #require(try await b.acceptConnection())
            // Only alice sends while bob waits: bob's own keep-alives keep alice's end fed.
            try await simulation.clock.sleep(for: .seconds(120))
            _ = outbound
            return inbound.closedReason == .idleTimeout ? "idle" : inbound.closedReason == nil ? "open" : "closed"
        }
        #expect(seen == expected)
        #expect(trace.contains { $0.hasPrefix("fault hold:") && $0.hasSuffix("holds its keep-alives") })
    }
}
