import ChaosNet

/// An actor that records the order in which tasks reach it.
actor Log {
    private(set) var entries: [String] = []
    func append(_ entry: String) { entries.append(entry) }
}

/// Workloads shared by the kernel tests.
enum Workloads {
    /// A racy workload with no randomness of its own: tasks yield between appends, so only the scheduler decides the
    /// final order.
    static func racyAppends(taskCount: Int = 5, appendsPerTask: Int = 3) -> @Sendable (Simulation) async throws -> [String] {
        { _ in
            let log = Log()
            await withTaskGroup(of: Void.self) { group in
                for taskIndex in 0..<taskCount {
                    group.addTask {
                        for appendIndex in 0..<appendsPerTask {
                            await log.append("t\(taskIndex).\(appendIndex)")
                            await Task.yield()
                        }
                    }
                }
            }
            return await log.entries
        }
    }

    /// Timers, random latencies, actors, cancellation and tracing together: what a component under test does.
    static func mixed(_ simulation: Simulation) async throws -> [String] {
        let clock = simulation.clock
        let random = simulation.random("mixed")
        let log = Log()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for step in 0..<5 {
                        try await clock.sleep(for: .milliseconds(random.uniform(below: 100)))
                        await log.append("w\(worker).\(step)")
                        simulation.trace("w\(worker)", "step \(step) at \(clock.now)")
                    }
                }
            }
            try await group.waitForAll()
        }
        return await log.entries
    }
}
