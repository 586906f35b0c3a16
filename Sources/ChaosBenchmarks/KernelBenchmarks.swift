import ChaosNet

/// The kernel benchmark workloads behind `chaos-run bench kernel`. They measure wall time themselves and return plain
/// numbers; printing is the CLI's job.
public enum KernelBenchmarks {
    public struct TimersResult: Sendable {
        public var wakeups: Int
        public var wallSeconds: Double
        public var virtualTime: Duration
        public var steps: Int
        public var outcome: Outcome
        public var wakeupsPerSecond: Double { Double(wakeups) / wallSeconds }
    }

    public struct TasksResult: Sendable {
        public var tasks: Int
        public var wakeups: Int
        public var wallSeconds: Double
        public var outcome: Outcome
        /// The process's peak resident set size (VmHWM) after the run, in bytes.
        public var peakResidentBytes: Int
    }

    /// 100 tasks; task i sleeps `sleepsPerTask` times for (1 + i) ns: the same workload as the SimPy and Trio
    /// baselines in shared/bench.
    public static func timers(taskCount: Int = 100, sleepsPerTask: Int = 10_000) -> TimersResult {
        let simulation = benchmarkSimulation()
        let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
        let result = simulation.run { simulation in
            let clock = simulation.clock
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<taskCount {
                    group.addTask {
                        let period = Duration.nanoseconds(1 + index)
                        var deadline = clock.now
                        for _ in 0..<sleepsPerTask {
                            deadline = deadline.advanced(by: period)
                            try await clock.sleep(until: deadline)
                        }
                        return sleepsPerTask
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        let wall = (ContinuousClock.now - start).secondsDouble
        let wakeups = (try? result.value?.get()) ?? 0
        return TimersResult(
            wakeups: wakeups, wallSeconds: wall, virtualTime: result.virtualTime, steps: result.steps,
            outcome: result.outcome
        )
    }

    /// `taskCount` tasks asleep at the same time in one simulation, then all woken: measures memory per task.
    ///
    /// The sleepers are unstructured tasks from `Simulation.spawn`. A task group would measure the Swift runtime
    /// instead: it keeps a group's children in a linked list and removes each finished child by walking it, so
    /// 100,000 children finishing out of creation order cost O(n²) (measured: 81% of the time in
    /// `TaskGroup::removeChildTask`).
    public static func tasks(taskCount: Int = 100_000) -> TasksResult {
        let simulation = benchmarkSimulation()
        let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
        let result = simulation.run { simulation in
            let clock = simulation.clock
            var sleepers: [SimTask<Int>] = []
            sleepers.reserveCapacity(taskCount)
            for index in 0..<taskCount {
                sleepers.append(simulation.spawn(name: "sleeper") {
                    try await clock.sleep(for: .milliseconds(1 + index % 1000))
                    return 1
                })
            }
            var woken = 0
            for sleeper in sleepers { woken += try await sleeper.value }
            return woken
        }
        let wall = (ContinuousClock.now - start).secondsDouble
        return TasksResult(
            tasks: taskCount, wakeups: (try? result.value?.get()) ?? 0, wallSeconds: wall, outcome: result.outcome,
            peakResidentBytes: ProcessMemory.peakResidentBytes() ?? -1
        )
    }

    /// A simulation with room for a day of virtual time and no trace buffer: benchmarks measure the kernel, not the
    /// timeline.
    private static func benchmarkSimulation() -> Simulation {
        Simulation(seed: 1, configuration: SimulationConfiguration(timeLimit: .seconds(86_400), traceCapacity: 0))
    }
}
