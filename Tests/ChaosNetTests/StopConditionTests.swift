import ChaosNet
import Foundation
import Testing

@Suite("Stop conditions")
struct StopConditionTests {
    @Test("a hang names the waiting task and its wait point")
    func hangNamesWaitingTask() {
        let result = Simulation(seed: 2).run { simulation in
            let consumer = simulation.spawn(name: "consumer") { () -> Int in
                await simulation.wait(on: "mailbox 'jobs'") { (_: SimContinuation<Int, Never>) in
                    // Nobody ever delivers to this mailbox.
                }
            }
            try await simulation.clock.sleep(for: .seconds(2))
            return try await consumer.value
        }
        guard case let .hang(report) = result.outcome else {
            Issue.record("expected a hang, got \(result.outcome)")
            return
        }
        #expect(report.waits == [HangReport.Wait(task: "consumer", waitPoint: "mailbox 'jobs'", sinceNanoseconds: 0)])
        #expect(report.unfinishedTasks == ["root", "consumer"])
        #expect(result.outcome.summary.contains("'consumer' waits on 'mailbox 'jobs''"))
        #expect(result.virtualTime == .seconds(2))
        #expect(result.value == nil)
    }

    @Test("a resumed wait point no longer appears in a later hang report")
    func resumedWaitIsForgotten() {
        let result = Simulation(seed: 2).run { simulation in
            let value = await simulation.wait(on: "first") { (continuation: SimContinuation<Int, Never>) in
                continuation.resume(returning: 1)
            }
            _ = await simulation.wait(on: "second") { (_: SimContinuation<Int, Never>) in }
            return value
        }
        guard case let .hang(report) = result.outcome else {
            Issue.record("expected a hang, got \(result.outcome)")
            return
        }
        #expect(report.waits.map(\.waitPoint) == ["second"])
        #expect(report.waits.map(\.task) == ["root"])
    }

    @Test("the virtual-time limit stops the run at exactly the limit")
    func timeLimit() {
        let simulation = Simulation(seed: 4, configuration: SimulationConfiguration(timeLimit: .seconds(3600)))
        let result = simulation.run { simulation in
            try await simulation.clock.sleep(for: .seconds(3600))
            try await simulation.clock.sleep(for: .nanoseconds(1))
            return "unreachable"
        }
        #expect(result.outcome == .timeout(limit: .seconds(3600)))
        #expect(result.virtualTime == .seconds(3600))
        #expect(result.value == nil)
    }

    @Test("the step limit stops a task that never blocks")
    func stepLimit() {
        let simulation = Simulation(seed: 4, configuration: SimulationConfiguration(stepLimit: 1000))
        let result = simulation.run { _ in
            while true { await Task.yield() }
        }
        #expect(result.outcome == .stepLimit(steps: 1000))
        #expect(result.steps == 1000)
    }

    @Test("a continuation resumed from a foreign thread is reported as a violation")
    func foreignThreadResumeIsViolation() {
        let simulation = Simulation(seed: 6, configuration: SimulationConfiguration(timeLimit: .seconds(36_000)))
        let result = simulation.run { simulation in
            let clock = simulation.clock
            // Keeps the simulation busy in virtual time until the foreign thread has acted.
            simulation.spawn(name: "ticker") {
                while true { try await clock.sleep(for: .milliseconds(1)) }
            }
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: 0.01)
                    continuation.resume()
                }
            }
            return "resumed"
        }
        guard case let .violation(report) = result.outcome else {
            Issue.record("expected a violation, got \(result.outcome)")
            return
        }
        #expect(report.reasons.first?.hasPrefix("a job was enqueued from a thread outside the simulation") == true)
    }

    @Test("a stray Task {} is captured and run in seeded order, the same way every time")
    func strayTaskIsCaptured() throws {
        let workload: @Sendable (Simulation) async throws -> Int = { simulation in
            let clock = simulation.clock
            let stray = Task {
                try await clock.sleep(for: .seconds(1))
                return 41
            }
            return try await stray.value + 1
        }
        let first = Simulation(seed: 8).run(workload)
        let second = Simulation(seed: 8).run(workload)
        #expect(first.outcome == .completed)
        #expect(try first.value?.get() == 42)
        #expect(first.strayJobCount > 0)
        #expect(first.digest == second.digest)
        #expect(first.trace.events.contains { $0.message.hasPrefix("captured work sent to the global executor") })
    }

    @Test("with the violation policy, a stray Task {} stops the run as a violation")
    func strayTaskPolicyViolation() {
        let simulation = Simulation(seed: 8, configuration: SimulationConfiguration(strayTaskPolicy: .violation))
        let result = simulation.run { _ in
            await Task { 1 }.value
        }
        guard case let .violation(report) = result.outcome else {
            Issue.record("expected a violation, got \(result.outcome)")
            return
        }
        #expect(report.reasons.first?.contains("Task {} or a detached task") == true)
    }

    @Test("a real-clock Task.sleep inside the simulation is reported as a violation")
    func realClockSleepIsViolation() async {
        // The real timer's job needs a free thread of the global pool to reach the simulation. Other tests block pool
        // threads while they run their simulations, so this one runs on a thread of its own and allows a generous
        // grace period.
        let configuration = SimulationConfiguration(foreignArrivalGrace: .seconds(5))
        let result = await onDedicatedThread {
            Simulation(seed: 8, configuration: configuration).run { _ in
                try await Task.sleep(for: .milliseconds(1))
                return 1
            }
        }
        guard case let .violation(report) = result.outcome else {
            Issue.record("expected a violation, got \(result.outcome)")
            return
        }
        #expect(report.reasons.first?.contains("real-clock Task.sleep") == true)
    }

    @Test("after a timeout, sleeping tasks are cancelled and drained by the teardown")
    func teardownCancelsLeftovers() {
        let cleanedUp = Counter()
        let simulation = Simulation(seed: 1, configuration: SimulationConfiguration(timeLimit: .seconds(10)))
        let result = simulation.run { simulation in
            for index in 0..<5 {
                simulation.spawn(name: "sleeper-\(index)") {
                    defer { cleanedUp.increment() }
                    try await simulation.clock.sleep(for: .seconds(3600))
                }
            }
            try await simulation.clock.sleep(for: .seconds(3600))
        }
        #expect(result.outcome == .timeout(limit: .seconds(10)))
        #expect(result.unfinishedTaskCount == 6)
        #expect(cleanedUp.value == 5)
    }
}

/// A counter touched only on the simulation's thread.
final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func increment() { value += 1 }
}

/// Runs `body` on a new thread and returns its result without blocking a thread of the global pool.
func onDedicatedThread<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
