import ChaosNet
import Testing

@Suite("SimClock")
struct SimClockTests {
    @Test("a timer has not fired at deadline − 1 ns and has fired at the deadline")
    func timerBoundary() throws {
        let result = Simulation(seed: 1).run { simulation in
            let clock = simulation.clock
            let deadline = SimClock.Instant.epoch.advanced(by: .seconds(1))
            let fired = Flag()
            let sleeper = simulation.spawn(name: "sleeper") {
                try await clock.sleep(until: deadline)
                await fired.set(at: clock.now)
            }
            try await clock.sleep(until: deadline.advanced(by: .nanoseconds(-1)))
            let beforeDeadline = await fired.value
            // Registered after the sleeper's timer, with the same deadline: wakes after it.
            try await clock.sleep(until: deadline)
            let atDeadline = await fired.value
            try await sleeper.value
            return (beforeDeadline, atDeadline, clock.now)
        }
        let (before, at, now) = try #require(try result.value?.get())
        #expect(before == nil)
        #expect(at == .epoch.advanced(by: .seconds(1)))
        #expect(now == .epoch.advanced(by: .seconds(1)))
    }

    @Test("equal deadlines fire in insertion order, for every seed")
    func equalDeadlinesFireInInsertionOrder() throws {
        for seed in UInt64(0)..<30 {
            let result = Simulation(seed: seed).run { simulation in
                let clock = simulation.clock
                let registered = SyncLog()
                let woke = SyncLog()
                let deadline = SimClock.Instant.epoch.advanced(by: .milliseconds(10))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            // No suspension point lies between this append and the timer's registration.
                            registered.append("s\(index)")
                            try await clock.sleep(until: deadline)
                            woke.append("s\(index)")
                        }
                    }
                    try await group.waitForAll()
                }
                return (registered.entries, woke.entries)
            }
            let (registered, woke) = try #require(try result.value?.get(), "seed \(seed)")
            #expect(woke == registered, "seed \(seed)")
        }
    }

    @Test("cancelling a sleeping task resumes it at once with CancellationError at the current virtual time")
    func cancellationDuringSleep() throws {
        let result = Simulation(seed: 5).run { simulation in
            let clock = simulation.clock
            let sleeper = simulation.spawn(name: "sleeper") { () -> (String, SimClock.Instant) in
                do {
                    try await clock.sleep(for: .seconds(10))
                    return ("woke normally", clock.now)
                } catch is CancellationError {
                    return ("cancelled", clock.now)
                }
            }
            try await clock.sleep(for: .seconds(3))
            sleeper.cancel()
            return try await sleeper.value
        }
        let (how, when) = try #require(try result.value?.get())
        #expect(how == "cancelled")
        #expect(when == .epoch.advanced(by: .seconds(3)))
        #expect(result.virtualTime == .seconds(3))
    }

    @Test("a task cancelled before it sleeps throws at once without moving time")
    func cancelledBeforeSleeping() throws {
        let result = Simulation(seed: 5).run { simulation in
            let clock = simulation.clock
            let task = simulation.spawn(name: "late") { () -> String in
                withUnsafeCurrentTask { $0?.cancel() }
                do {
                    try await clock.sleep(for: .seconds(10))
                    return "slept"
                } catch {
                    return "\(type(of: error)) at \(clock.now)"
                }
            }
            return try await task.value
        }
        #expect(try result.value?.get() == "CancellationError at t+0s")
    }

    @Test("withTimeout-style races cancel the losing sleeper and leave no timers behind")
    func raceLeavesNoTimers() throws {
        let result = Simulation(seed: 9).run { simulation in
            let clock = simulation.clock
            for _ in 0..<100 {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    group.addTask { try await clock.sleep(for: .seconds(60)); return 0 }
                    group.addTask { try await clock.sleep(for: .milliseconds(5)); return 1 }
                    let first = try await group.next()
                    group.cancelAll()
                    #expect(first == 1)
                    // Drain: the cancelled sleeper throws CancellationError.
                    while let _ = try? await group.next() {}
                }
            }
            return clock.now
        }
        #expect(try result.value?.get() == .epoch.advanced(by: .milliseconds(500)))
    }
}

/// An actor holding an optional instant.
actor Flag {
    private(set) var value: SimClock.Instant?
    func set(at instant: SimClock.Instant) { value = instant }
}

/// A log appended synchronously, without a suspension point; touched only on the simulation's thread.
final class SyncLog: @unchecked Sendable {
    private(set) var entries: [String] = []
    func append(_ entry: String) { entries.append(entry) }
}
