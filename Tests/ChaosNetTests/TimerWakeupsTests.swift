import ChaosNet
import Testing

/// Timers due at one instant: one at a time (the default, each woken task running until it blocks) or together (the
/// strategy interleaves what they woke).
@Suite struct TimerWakeupsTests {
    /// Two tasks sleep until the same instant, then take three steps each; the order of their steps.
    static func order(seed: UInt64, _ wakeups: TimerWakeups) -> String {
        let simulation = Simulation(seed: seed, configuration: SimulationConfiguration(timerWakeups: wakeups))
        let result = simulation.run { simulation in
            let log = Log()
            let clock = simulation.clock
            let at = clock.now.advanced(by: .seconds(1))
            let tasks = ["a", "b"].map { name in
                simulation.spawn(name: name) {
                    try await clock.sleep(until: at, tolerance: nil)
                    for _ in 0..<3 {
                        log.lines.append(name)
                        await Task.yield()
                    }
                }
            }
            for task in tasks { _ = try await task.value }
            return log.lines.joined()
        }
        return (try? result.value?.get()) ?? "failed: \(result.outcome)"
    }

    @Test func oneAtATimeRunsEachWokenTaskUntilItBlocks() {
        for seed: UInt64 in 1...30 {
            let order = Self.order(seed: seed, .oneAtATime)
            #expect(order == "aaabbb" || order == "bbbaaa", "seed \(seed): \(order)")
        }
    }

    @Test func togetherInterleavesTheTasksTheTimersWoke() {
        let orders = (UInt64(1)...30).map { Self.order(seed: $0, .together) }
        #expect(orders.allSatisfy { $0.count == 6 && $0.filter { $0 == "a" }.count == 3 }, "\(orders)")
        #expect(orders.contains { $0 != "aaabbb" && $0 != "bbbaaa" }, "no seed interleaved: \(orders)")
        // The same seed, the same order.
        #expect((UInt64(1)...30).map { Self.order(seed: $0, .together) } == orders)
    }

    @Test(arguments: TimerWakeups.allCases)
    func anActionCancelledByAnotherOfTheSameInstantDoesNotRun(_ wakeups: TimerWakeups) throws {
        let simulation = Simulation(seed: 1, configuration: SimulationConfiguration(timerWakeups: wakeups))
        let result = simulation.run { simulation in
            let log = Log()
            let at = simulation.now.advanced(by: .seconds(1))
            var second: ScheduledAction?
            simulation.schedule(at: at) {
                log.lines.append("first")
                second?.cancel()
            }
            second = simulation.schedule(at: at) { log.lines.append("second") }
            try await simulation.clock.sleep(for: .seconds(2))
            return log.lines
        }
        #expect(try result.value?.get() == ["first"])
    }

    @Test func anActionArmedForTheSameInstantRunsInTheNextRound() throws {
        // A task woken in the first round runs before an action the round armed for the same instant.
        let simulation = Simulation(seed: 1, configuration: SimulationConfiguration(timerWakeups: .together))
        let result = simulation.run { simulation in
            let log = Log()
            let clock = simulation.clock
            let at = clock.now.advanced(by: .seconds(1))
            simulation.schedule(at: at) {
                simulation.schedule(at: at) { log.lines.append("armed in the round") }
            }
            let sleeper = simulation.spawn(name: "sleeper") {
                try await clock.sleep(until: at, tolerance: nil)
                log.lines.append("woken in the round")
            }
            _ = try await sleeper.value
            try await clock.sleep(for: .seconds(1))
            return log.lines
        }
        #expect(try result.value?.get() == ["woken in the round", "armed in the round"])
    }

    final class Log: @unchecked Sendable {
        var lines: [String] = []
    }
}
