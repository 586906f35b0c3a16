import ChaosNet
import Testing

@Suite("Determinism")
struct DeterminismTests {
    @Test("200 seeds each run twice give equal digests and equal results")
    func sameSeedSameDigest() throws {
        for seed in UInt64(0)..<200 {
            let first = Simulation(seed: seed).run { try await Workloads.mixed($0) }
            let second = Simulation(seed: seed).run { try await Workloads.mixed($0) }
            #expect(first.outcome == .completed, "seed \(seed)")
            #expect(first.digest == second.digest, "seed \(seed)")
            #expect(first.steps == second.steps, "seed \(seed)")
            #expect(first.virtualTime == second.virtualTime, "seed \(seed)")
            #expect(first.trace.events == second.trace.events, "seed \(seed)")
            #expect(try first.value?.get() == second.value?.get(), "seed \(seed)")
        }
    }

    @Test("different seeds give several distinct interleavings of a racy workload")
    func differentSeedsDifferentInterleavings() throws {
        var orders: Set<[String]> = []
        var digests: Set<TraceDigest> = []
        for seed in UInt64(0)..<50 {
            let result = Simulation(seed: seed).run(Workloads.racyAppends())
            #expect(result.outcome == .completed, "seed \(seed)")
            let order = try #require(try result.value?.get(), "seed \(seed)")
            #expect(order.count == 15, "seed \(seed)")
            orders.insert(order)
            digests.insert(result.digest)
        }
        // 15 appends by 5 tasks admit millions of orders; a seeded random walk must find many of them.
        #expect(orders.count >= 10, "only \(orders.count) distinct orders over 50 seeds")
        #expect(digests.count >= orders.count)
    }

    @Test("a racy workload replays identically for the same seed")
    func racyWorkloadReplays() throws {
        for seed in UInt64(100)..<130 {
            let first = Simulation(seed: seed).run(Workloads.racyAppends())
            let second = Simulation(seed: seed).run(Workloads.racyAppends())
            #expect(try first.value?.get() == second.value?.get(), "seed \(seed)")
            #expect(first.digest == second.digest, "seed \(seed)")
        }
    }

    @Test("a simulation run from inside an async test completes and leaves the test's task intact")
    func runFromAsyncContext() async throws {
        let result = Simulation(seed: 3).run { simulation in
            try await simulation.clock.sleep(for: .seconds(5))
            return simulation.now.offset
        }
        #expect(try result.value?.get() == .seconds(5))
        // The outer task still works after the nested run.
        try await Task.sleep(for: .milliseconds(1))
        #expect(withUnsafeCurrentTask { $0 != nil })
    }

    @Test("child tasks, async let, actors, continuations and AsyncStream all stay in the simulation")
    func structuredConcurrencyStaysInside() throws {
        let workload: @Sendable (Simulation) async throws -> [Int] = { simulation in
            let clock = simulation.clock
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
            async let produced: Void = {
                for value in 0..<5 {
                    try? await clock.sleep(for: .seconds(1))
                    continuation.yield(value)
                }
                continuation.finish()
            }()
            var received: [Int] = []
            for await value in stream { received.append(value) }
            await produced
            let echoed = await withUnsafeContinuation { (resume: UnsafeContinuation<Int, Never>) in
                resume.resume(returning: received.count)
            }
            received.append(echoed)
            return received
        }
        let first = Simulation(seed: 11).run(workload)
        let second = Simulation(seed: 11).run(workload)
        #expect(first.outcome == .completed)
        #expect(try first.value?.get() == [0, 1, 2, 3, 4, 5])
        #expect(first.virtualTime == .seconds(5))
        #expect(first.strayJobCount == 0)
        #expect(first.digest == second.digest)
    }
}

@Suite("README")
struct ReadmeExampleTests {
    @Test("the README's example runs as described")
    func readmeExample() throws {
        func example() -> SimulationResult<SimClock.Instant> {
            Simulation(seed: 42).run { simulation in
                let clock = simulation.clock
                async let slow: Void = clock.sleep(for: .seconds(30))
                try await clock.sleep(for: .seconds(5))
                simulation.trace("test", "five seconds in, at \(clock.now)")
                try await slow
                return clock.now
            }
        }
        let result = example()
        #expect(result.outcome == .completed)
        #expect(result.virtualTime == .seconds(30))
        #expect(try result.value?.get() == SimClock.Instant(offset: .seconds(30)))
        #expect(result.trace.events.map(\.message) == ["five seconds in, at t+5s"])
        #expect(example().digest == result.digest)
    }
}
