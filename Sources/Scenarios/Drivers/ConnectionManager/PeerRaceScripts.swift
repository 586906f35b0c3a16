import ChaosComponents
import ChaosCore
import ChaosNet

/// The script of each race: which nodes, which faults, who calls whom when. Each runs in a fresh peer world and
/// returns when its last step has been scheduled; the workload then lets it play out, stops every node and checks.
/// Timings are drawn from the seed where the race is about an instant (who dials first, when a close lands).
struct PeerRaceScripts {
    let world: PeerWorld
    let random: SeededRandom

    private var clock: SimClock { world.simulation.clock }

    /// A uniform draw in 0...limit.
    private func jitter(_ limit: Duration) -> Duration {
        .nanoseconds(Int64(random.uniform(below: Int(limit.nanosecondsClamped) + 1)))
    }

    private func latency(_ a: PeerMember, _ b: PeerMember) -> Duration {
        world.peers.network.link(a.host, b.host).latency
    }

    private func addFault(_ name: String, _ kind: PeerFault.Kind, on member: PeerMember?,
                          activity: FaultActivity = .always) {
        world.peers.addFault(PeerFault(name: name, kind: kind, node: member?.id, activity: activity))
    }

    /// How long the race plays before every node stops.
    func play(_ race: PeerRaceCase) async throws -> Duration {
        switch race {
        case .simultaneousDial: return try await simultaneousDial(longCall: false)
        case .drainingDoppelganger: return try await simultaneousDial(longCall: true)
        case .rejectInbound: return try await rejectInbound()
        case .silentCrash: return try await silentCrash()
        case .abortDuringStreamOpen: return try await abortDuringStreamOpen()
        case .inboundDuringStop: return try await inboundDuringStop()
        case .ttlDuringInboundStream: return try await ttlDuringInboundStream()
        case .lookupPhaseFailures: return try await lookupPhaseFailures()
        case .stopInFlight: return try await stopInFlight()
        case .hangingConnect: return try await hangingConnect()
        case .halfOpen: return try await halfOpen()
        case .heldKeepAlives: return try await heldKeepAlives()
        }
    }

    /// Both dial within a round trip of each other and call; a second call each way goes on what is left. With
    /// `longCall` the first calls take 3 s, so the losing connection carries a call while it drains, and then one
    /// side stops.
    private func simultaneousDial(longCall: Bool) async throws -> Duration {
        try world.addMembers(2)
        await world.startAll()
        let (a, b) = (world.member(0), world.member(1))
        let delay: Duration = longCall ? .seconds(3) : .milliseconds(50)
        let rtt = latency(a, b) * 2
        world.call(from: a, to: b, .echo(bytes: [1], delay: delay), after: jitter(rtt), label: "dial-race")
        world.call(from: b, to: a, .echo(bytes: [2], delay: delay), after: jitter(rtt), label: "dial-race")
        world.call(from: a, to: b, .ping, after: delay + .seconds(2), label: "dial-race")
        world.call(from: b, to: a, .ping, after: delay + .seconds(2), label: "dial-race")
        let ledger = world.ledger
        // One active connection left within a second of the calls, the same at both ends.
        world.run(on: a, after: delay + .seconds(1), "settle check") { [b] manager in
            let here = await manager.snapshot
            let there = await b.manager.snapshot
            let mine = here.active[b.id]
            let theirs = there.active[a.id]
            if mine == nil || mine != theirs || here.draining + there.draining > 0 {
                ledger.note(.duplicateDialResolved,
                            "after the dial race the ends hold \(mine.map { String($0, radix: 16) } ?? "none") and "
                                + "\(theirs.map { String($0, radix: 16) } ?? "none"), "
                                + "\(here.draining + there.draining) draining")
            }
        }
        if longCall {
            world.run(on: b, after: delay + .seconds(3), "stop") { manager in await manager.stop() }
        }
        return delay + .seconds(5)
    }

    /// The seed refuses every inbound connection with 42; the node syncs its graph from it in the background and
    /// also looks up.
    private func rejectInbound() async throws -> Duration {
        try world.addMembers(3)
        let (node, seed, other) = (world.member(0), world.member(1), world.member(2))
        addFault("seed-rejects", .rejectInbound(code: 42, reason: "life the universe and everything"), on: seed)
        await node.manager.addContact(seed.contact)
        await seed.manager.addContact(other.contact)
        await world.startAll()
        world.lookup(by: node, of: NodeID(random.next()), after: .seconds(1) + jitter(.seconds(1)))
        return .seconds(25)
    }

    /// B asks A for a 40 s transfer and A calls B; B dies silently a second in. Only A's idle timeout notices.
    private func silentCrash() async throws -> Duration {
        try world.addMembers(2)
        await world.startAll()
        let (a, b) = (world.member(0), world.member(1))
        world.call(from: b, to: a, .echo(bytes: [3], delay: .seconds(40)), label: "long")
        world.call(from: a, to: b, .echo(bytes: [4], delay: .seconds(5)), after: .milliseconds(500), label: "call")
        let crashAt = Duration.seconds(1) + jitter(.milliseconds(500))
        world.simulation.spawn(name: "crash \(b.id)") { [clock] in
            try await clock.sleep(for: crashAt)
            b.kill()
        }
        return .seconds(50)
    }

    /// A holds a connection to B; B aborts with a code just as A's next call opens its stream.
    private func abortDuringStreamOpen() async throws -> Duration {
        try world.addMembers(2)
        await world.startAll()
        let (a, b) = (world.member(0), world.member(1))
        world.call(from: a, to: b, .ping, label: "warm-up")
        let abortAt = Duration.seconds(1)
        let oneWay = latency(a, b)
        world.simulation.spawn(name: "abort \(b.id)") { [clock] in
            try await clock.sleep(for: abortAt)
            b.kill(abortCode: 7)
        }
        // The close arrives one way later, and three calls start at that very instant: whether the close's delivery
        // lands between a call's taking the connection and its stream factory's running is the schedule's choice
        // (with `timers: together`, which wakes the close and the calls at once).
        let callAt = abortAt + oneWay
        for _ in 0..<3 {
            world.call(from: a, to: b, .echo(bytes: [5], delay: .zero), after: callAt, label: "during-abort")
        }
        return .seconds(5)
    }

    /// A stops with a call in flight (its grace period lets it finish); C dials A during the stop.
    private func inboundDuringStop() async throws -> Duration {
        try world.addMembers(3)
        await world.startAll()
        let (a, b, c) = (world.member(0), world.member(1), world.member(2))
        world.call(from: a, to: b, .echo(bytes: [6], delay: .seconds(1)), label: "in-flight")
        world.run(on: a, after: .milliseconds(200), "stop") { manager in await manager.stop() }
        world.call(from: c, to: a, .ping, after: .milliseconds(200) + jitter(.milliseconds(600)), label: "late-dial")
        return .seconds(5)
    }

    /// B keeps A busy with back-to-back 10 s calls for 70 s on one connection; A's TTL is 60 s.
    private func ttlDuringInboundStream() async throws -> Duration {
        try world.addMembers(2)
        await world.startAll()
        let (a, b) = (world.member(0), world.member(1))
        let ledger = world.ledger
        let (clock, address, target) = (clock, a.node.address, a.id)
        let start = jitter(.seconds(1))
        world.run(on: b, after: start, "busy caller") { manager in
            for round in 0..<7 {
                await PeerWorld.timedCall(
                    manager, .echo(bytes: [UInt8(round)], delay: .seconds(10)), to: target, at: address,
                    label: "busy", ledger: ledger, clock: clock)
            }
        }
        return .seconds(80)
    }

    /// A looks up over eight peers, each failing its own way: dials refused or hanging, connections rejected, a
    /// stream reset before its first byte or mid-response, a crash after answering; two work.
    private func lookupPhaseFailures() async throws -> Duration {
        try world.addMembers(9)
        let node = world.member(0)
        let peers = (1...8).map { world.member($0) }
        for peer in peers {
            await node.manager.addContact(peer.contact)
            for other in peers where other.id != peer.id { await peer.manager.addContact(other.contact) }
        }
        // The phases are dealt to the peers in a seeded order.
        var phases = ["pre_connect", "post_connect", "before_first_byte", "mid_response", "after", "after",
                      "none", "none"]
        for index in stride(from: phases.count - 1, to: 0, by: -1) {
            phases.swapAt(index, random.uniform(below: index + 1))
        }
        for (peer, phase) in zip(peers, phases) {
            switch phase {
            case "pre_connect": addFault("\(peer.host)-dial", .connectFailure(probability: 1), on: peer)
            case "post_connect": addFault("\(peer.host)-reject", .rejectInbound(code: 42, reason: "rejected"), on: peer)
            case "before_first_byte":
                addFault("\(peer.host)-reset", .streamReset(probability: 1, phase: .beforeFirstByte, code: 5), on: peer)
            case "mid_response":
                addFault("\(peer.host)-reset", .streamReset(probability: 1, phase: .midResponse, code: 6), on: peer)
            case "after":
                world.simulation.spawn(name: "crash \(peer.id)") { [clock, jitter = jitter(.seconds(1))] in
                    try await clock.sleep(for: .seconds(1) + jitter)
                    peer.kill()
                }
            default: break
            }
        }
        await world.startAll()
        world.lookup(by: node, of: NodeID(random.next()), after: .milliseconds(500))
        world.lookup(by: node, of: NodeID(random.next()), after: .seconds(3))
        return .seconds(80)
    }

    /// A stops with a lookup and a 3 s call in flight.
    private func stopInFlight() async throws -> Duration {
        try world.addMembers(5)
        let node = world.member(0)
        for index in 1...4 {
            await node.manager.addContact(world.member(index).contact)
            for other in 1...4 where other != index {
                await world.member(index).manager.addContact(world.member(other).contact)
            }
        }
        await world.startAll()
        world.lookup(by: node, of: NodeID(random.next()))
        world.call(from: node, to: world.member(1), .echo(bytes: [7], delay: .seconds(3)), label: "in-flight")
        world.run(on: node, after: .milliseconds(20) + jitter(.milliseconds(100)), "stop") { manager in
            await manager.stop()
        }
        return .seconds(20)
    }

    /// Four callers at once to a peer whose dials hang or are refused.
    private func hangingConnect() async throws -> Duration {
        try world.addMembers(2)
        let (a, b) = (world.member(0), world.member(1))
        addFault("dials-fail", .connectFailure(probability: 1), on: b)
        await world.startAll()
        for caller in 0..<4 {
            world.call(from: a, to: b, .ping, after: jitter(.milliseconds(10)), label: "caller-\(caller)")
        }
        return .seconds(90)
    }

    /// Steady calls both ways for 30 s while A's frames close connections at random.
    private func halfOpen() async throws -> Duration {
        try world.addMembers(2)
        let (a, b) = (world.member(0), world.member(1))
        addFault("random-close", .randomClose(probabilityPerFrame: 0.02, cooldown: .seconds(1)), on: a)
        await world.startAll()
        // A calls on the half-second, B a quarter-second later, so that the two do not dial at once (that race is
        // simultaneous_dial's).
        for round in 0..<60 {
            let at = Duration.milliseconds(500 * Int64(round)) + jitter(.milliseconds(50))
            world.call(from: a, to: b, .echo(bytes: [8], delay: .milliseconds(200)), after: at, label: "steady")
            world.call(from: b, to: a, .echo(bytes: [9], delay: .milliseconds(200)), after: at + .milliseconds(250),
                       label: "steady")
        }
        return .seconds(80)
    }

    /// B's keep-alives are held for 40 s while B has called A; then B calls again.
    private func heldKeepAlives() async throws -> Duration {
        try world.addMembers(2)
        let (a, b) = (world.member(0), world.member(1))
        addFault("held", .holdKeepAlives, on: b,
                 activity: .windows([FaultWindow(start: .zero, end: .seconds(40))]))
        await world.startAll()
        world.call(from: b, to: a, .echo(bytes: [10], delay: .seconds(10)), label: "before")
        world.call(from: a, to: b, .echo(bytes: [11], delay: .seconds(25)), after: .seconds(5) + jitter(.seconds(5)),
                   label: "across")
        world.call(from: b, to: a, .echo(bytes: [12], delay: .seconds(1)), after: .seconds(41), label: "after")
        return .seconds(60)
    }
}
