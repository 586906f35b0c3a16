import ChaosNet
import Testing

/// Work started with `spawn` whose error nobody can take on escapes; work whose handle is awaited does not.
@Suite struct SpawnEscapeTests {
    enum StreamError: Error {
        case reset
    }

    @Test func aDiscardedSpawnThatThrowsCrashesTheRunWhenItThrows() throws {
        let simulation = Simulation(seed: 1)
        let result = simulation.run { simulation in
            simulation.spawn(name: "late factory") {
                try await simulation.clock.sleep(for: .seconds(3))
                throw StreamError.reset
            }
            try await simulation.clock.sleep(for: .seconds(10))
            return "the root outlived the process"
        }
        guard case let .crash(report) = result.outcome else {
            Issue.record("expected a crash, got \(result.outcome)")
            return
        }
        #expect(report.cause == "escape:late factory:StreamError.reset")
        #expect(result.virtualTime == .seconds(3))
        let escape = try #require(result.escapes.first)
        #expect(escape.owner == "simulation.spawn" && escape.atNanoseconds == 3_000_000_000)
    }

    @Test func anAwaitedSpawnsErrorIsTheAwaitersAlone() throws {
        let simulation = Simulation(seed: 1)
        let result = simulation.run { simulation in
            let task = simulation.spawn(name: "fails early") { () -> Int in throw StreamError.reset }
            // It fails before anyone awaits it; the handle is still held, so the awaiter takes the error on.
            try await simulation.clock.sleep(for: .seconds(1))
            do {
                _ = try await task.value
                return "no error"
            } catch {
                return "caught \(error)"
            }
        }
        #expect(result.outcome == .completed)
        #expect(try result.value?.get() == "caught reset")
        #expect(result.escapes.isEmpty)
    }

    @Test func aHeldHandleNeverAwaitedEscapesWhenTheRunCompletes() throws {
        let simulation = Simulation(seed: 1)
        let result = simulation.run { simulation in
            let task = simulation.spawn(name: "forgotten") { throw StreamError.reset }
            try await simulation.clock.sleep(for: .seconds(1))
            withExtendedLifetime(task) {}
            return 1
        }
        guard case let .crash(report) = result.outcome else {
            Issue.record("expected a crash, got \(result.outcome)")
            return
        }
        #expect(report.cause == "escape:forgotten:StreamError.reset")
    }

    @Test func cancelledWorkDoesNotEscape() throws {
        let simulation = Simulation(seed: 1)
        let result = simulation.run { simulation in
            let task = simulation.spawn(name: "sleeper") { try await simulation.clock.sleep(for: .seconds(60)) }
            try await simulation.clock.sleep(for: .seconds(1))
            task.cancel()
            try await simulation.clock.sleep(for: .seconds(1))
            return 1
        }
        #expect(result.outcome == .completed)
        #expect(result.escapes.isEmpty)
    }

    @Test func theRecordPolicyCountsTheEscapeAndCompletes() throws {
        let simulation = Simulation(seed: 1, configuration: SimulationConfiguration(escapePolicy: .record))
        let result = simulation.run { simulation in
            simulation.spawn(name: "discarded") { throw StreamError.reset }
            try await simulation.clock.sleep(for: .seconds(1))
            return simulation.escapes.count
        }
        #expect(result.outcome == .completed)
        #expect(try result.value?.get() == 1)
    }
}
