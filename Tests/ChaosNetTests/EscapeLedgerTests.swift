import ChaosCore
import ChaosNet
import Testing

/// Errors that background work lets escape: recorded with where and when, and by default the run's crash.
@Suite struct EscapeLedgerTests {
    enum PeerError: Error {
        case peerClosed(code: Int)
        case idleTimeout
    }

    struct Named: NamedError {
        var causeName: String { "read_timeout" }
    }

    @Test func anEscapedErrorCrashesTheRunWithItsRecord() throws {
        let simulation = Simulation(seed: 3)
        let result = simulation.run { simulation in
            simulation.spawnBackground(name: "inbound stream handler", owner: "connection manager") {
                try await simulation.clock.sleep(for: .seconds(2))
                throw PeerError.peerClosed(code: 42)
            }
            try await simulation.clock.sleep(for: .seconds(10))
            return "the root outlived the process"
        }
        guard case let .crash(report) = result.outcome else {
            Issue.record("expected a crash, got \(result.outcome)")
            return
        }
        #expect(report.cause == "escape:inbound stream handler:PeerError.peerClosed")
        #expect(report.summary.contains("'inbound stream handler' of connection manager threw PeerError.peerClosed"))
        #expect(report.atNanoseconds == 2_000_000_000)
        #expect(result.virtualTime == .seconds(2))
        let escape = try #require(result.escapes.first)
        #expect(result.escapes.count == 1)
        #expect(escape.task == "inbound stream handler" && escape.owner == "connection manager")
        #expect(escape.message == "peerClosed(code: 42)")
        // The escape's own trace event is the one its number names.
        let event = try #require(result.trace.events.first { $0.index + 1 == escape.traceEventNumber })
        #expect(event.message.hasPrefix("escape: 'inbound stream handler'"))
        #expect(result.summaryLines.contains { $0.hasPrefix("escaped at 2") })
    }

    @Test func theRecordPolicyKeepsTheRunGoingAndCountsEveryEscape() throws {
        let simulation = Simulation(seed: 3, configuration: SimulationConfiguration(escapePolicy: .record))
        let result = simulation.run { simulation in
            for index in 1...3 {
                simulation.spawnBackground(name: "refresh \(index)", owner: "node graph") {
                    try await simulation.clock.sleep(for: .seconds(Int64(index)))
                    throw index == 2 ? Named() as any Error : PeerError.idleTimeout
                }
            }
            try await simulation.clock.sleep(for: .seconds(10))
            return simulation.escapes.count
        }
        #expect(result.outcome == .completed)
        #expect(try result.value?.get() == 3)
        #expect(result.escapes.map(\.task) == ["refresh 1", "refresh 2", "refresh 3"])
        #expect(
            result.escapes.map(\.errorName) == ["PeerError.idleTimeout", "Named.read_timeout", "PeerError.idleTimeout"])
        #expect(result.escapes.map(\.atNanoseconds) == [1, 2, 3].map { $0 * 1_000_000_000 })
    }

    @Test func cancelledWorkAndCaughtErrorsAreNotEscapes() throws {
        let simulation = Simulation(seed: 5)
        let result = simulation.run { simulation in
            let tasks = SimBackgroundTasks(simulation: simulation, owner: "agent")
            tasks.start("keep-alive loop") {
                while true { try await simulation.clock.sleep(for: .seconds(1)) }
            }
            simulation.spawnBackground(name: "careful handler", owner: "agent") {
                do { throw PeerError.idleTimeout } catch { simulation.trace("agent", "handled \(error)") }
            }
            try await simulation.clock.sleep(for: .seconds(5))
            tasks.cancelAll()
            try await simulation.clock.sleep(for: .seconds(1))
            return tasks.finished
        }
        #expect(result.outcome == .completed)
        #expect(result.escapes.isEmpty)
        #expect(try result.value?.get() == 1)
    }

    @Test func aBackgroundStarterReportsItsEscapesUnderItsOwner() throws {
        let simulation = Simulation(seed: 9)
        let result = simulation.run { simulation in
            let starter: any BackgroundTaskStarter = SimBackgroundTasks(simulation: simulation, owner: "rpc client")
            starter.start("late stream factory") { throw PeerError.peerClosed(code: 1) }
            try await simulation.clock.sleep(for: .seconds(1))
            return 0
        }
        let escape = try #require(result.escapes.first)
        #expect(escape.owner == "rpc client" && escape.errorName == "PeerError.peerClosed")
        #expect(result.outcome.name == "crash")
    }

    @Test func theSameSeedEscapesTheSameWay() {
        func run() -> (String, TraceDigest) {
            let simulation = Simulation(seed: 11)
            let result = simulation.run { simulation in
                let random = simulation.random("handlers")
                for index in 1...5 {
                    let delay = Int64(random.uniform(below: 1000))
                    simulation.spawnBackground(name: "handler \(index)", owner: "agent") {
                        try await simulation.clock.sleep(for: .milliseconds(delay))
                        if delay % 2 == 1 { throw PeerError.idleTimeout }
                    }
                }
                try await simulation.clock.sleep(for: .seconds(2))
                return 0
            }
            return (result.escapes.map(\.description).joined(separator: "; "), result.digest)
        }
        let first = run()
        let second = run()
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
    }

    @Test func stableNamesLeaveOutAssociatedValues() {
        #expect(EscapedError.stableName(of: PeerError.peerClosed(code: 7)) == "PeerError.peerClosed")
        #expect(EscapedError.stableName(of: Named()) == "Named.read_timeout")
        #expect(EscapedError.stableName(of: CancellationError()) == "CancellationError")
    }
}

/// Production's starter: the same escapes, told to its handler instead of a ledger.
@Suite struct DetachedTaskStarterTests {
    @Test func anEscapeReachesTheHandlerWithItsTaskName() async {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let starter = DetachedTaskStarter { task, error in continuation.yield("\(task): \(error)") }
        starter.start("flush loop") { throw EscapeLedgerTests.PeerError.idleTimeout }
        starter.start("quiet loop") {}
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == "flush loop: idleTimeout")
    }
}
