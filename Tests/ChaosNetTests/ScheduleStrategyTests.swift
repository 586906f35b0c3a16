import ChaosNet
import Testing

/// PCT next to the random walk: both deterministic per seed, and PCT reaches orderings the walk almost never does.
@Suite struct ScheduleStrategyTests {
    /// A bug of depth 1 that the random walk reaches with probability about 2^-20: the writer must take all its 20
    /// steps before the reader takes its first. Under PCT only the two tasks' priorities decide it.
    static func readerSeesTheLateWrite(seed: UInt64, _ schedule: ScheduleStrategy) -> Bool {
        let simulation = Simulation(seed: seed, configuration: SimulationConfiguration(schedule: schedule))
        let result = simulation.run { simulation in
            let box = Flag()
            let writer = simulation.spawn(name: "writer") {
                for _ in 0..<20 { await Task.yield() }
                box.value = true
            }
            let reader = simulation.spawn(name: "reader") { box.value }
            _ = try await writer.value
            return try await reader.value
        }
        return (try? result.value?.get()) == true
    }

    final class Flag: @unchecked Sendable {
        var value = false
    }

    @Test func pctFindsAnOrderingTheRandomWalkMisses() {
        let seeds: ClosedRange<UInt64> = 1...100
        let pct = seeds.filter { Self.readerSeesTheLateWrite(seed: $0, .pct(depth: 1, stepEstimate: 50)) }.count
        let walk = seeds.filter { Self.readerSeesTheLateWrite(seed: $0, .randomWalk) }.count
        // Each seed's priorities put the writer first about half the time (a third: the root competes too).
        #expect(pct >= 20, "PCT hit the ordering on \(pct) of 100 seeds")
        #expect(walk == 0, "the random walk hit it on \(walk) of 100 seeds")
    }

    @Test(arguments: [ScheduleStrategy.pct(depth: 3, stepEstimate: 200), .randomWalk])
    func theSameSeedGivesTheSameRun(_ schedule: ScheduleStrategy) {
        func run(_ seed: UInt64) -> (TraceDigest, [String]) {
            let simulation = Simulation(seed: seed, configuration: SimulationConfiguration(schedule: schedule))
            let result = simulation.run { simulation in
                let log = Log()
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<4 {
                        group.addTask {
                            for step in 0..<10 {
                                log.lines.append("w\(worker).\(step)")
                                await Task.yield()
                            }
                        }
                    }
                }
                return log.lines
            }
            return (result.digest, (try? result.value?.get()) ?? [])
        }
        for seed: UInt64 in 1...5 {
            let first = run(seed)
            let second = run(seed)
            #expect(first.0 == second.0, "seed \(seed)")
            #expect(first.1 == second.1 && first.1.count == 40, "seed \(seed)")
        }
    }

    @Test func pctChangePointsChangeTheOrder() {
        // With depth 2 the one change point demotes whichever task runs at that step, so some seeds interleave
        // the two loops and some run them one after the other; depth 1 never interleaves.
        func interleaves(_ seed: UInt64, _ depth: Int) -> Bool {
            let simulation = Simulation(
                seed: seed, configuration: SimulationConfiguration(schedule: .pct(depth: depth, stepEstimate: 30)))
            let result = simulation.run { simulation in
                let log = Log()
                let tasks = ["a", "b"].map { name in
                    simulation.spawn(name: name) {
                        for _ in 0..<10 {
                            log.lines.append(name)
                            await Task.yield()
                        }
                    }
                }
                for task in tasks { _ = try await task.value }
                return log.lines.joined()
            }
            let order = (try? result.value?.get()) ?? ""
            return order != "aaaaaaaaaabbbbbbbbbb" && order != "bbbbbbbbbbaaaaaaaaaa"
        }
        let seeds: ClosedRange<UInt64> = 1...60
        #expect(seeds.filter { interleaves($0, 1) }.isEmpty)
        #expect(seeds.contains { interleaves($0, 2) })
    }

    final class Log: @unchecked Sendable {
        var lines: [String] = []
    }
}
