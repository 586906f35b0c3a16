import ChaosNet

/// The kernel's demonstration workload: a pool of workers drains a job board through a flaky service, each attempt
/// under a timeout, retrying with exponential backoff and jitter, all racing over actors.
///
/// It touches every kernel feature a real component does: child tasks, task groups, default actors, cancellation of a
/// sleeping task, timers with equal deadlines, seeded randomness and the trace. The workload only needs a clock, a
/// random stream and a trace sink, never the simulation itself.
public struct WorkerPoolDemo: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var workerCount = 4
        public var jobCount = 24
        public var attemptTimeout: Duration = .seconds(2)
        public var attemptCountMax = 3
        public var backoffBase: Duration = .milliseconds(500)

        public init() {}
    }

    /// What the pool achieved: every job ends completed or failed, each exactly once.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var completed = 0
        public var failed = 0
        public var attempts = 0
        public var timeouts = 0
        public var serviceErrors = 0

        public var description: String {
            "jobs completed \(completed), failed \(failed); attempts \(attempts), timeouts \(timeouts), "
                + "service errors \(serviceErrors)"
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Runs the pool to completion on `clock`, drawing latencies from `random` and logging to `trace`.
    public func run<C: Clock>(
        clock: C,
        random: SeededRandom,
        trace: @escaping @Sendable (String, String) -> Void
    ) async throws -> Report where C.Duration == Duration {
        let board = JobBoard(jobCount: configuration.jobCount)
        let ledger = Ledger()
        let service = FlakyService(clock: clock, random: random)
        let configuration = self.configuration
        try await withThrowingTaskGroup(of: Void.self) { group in
            for workerIndex in 0..<configuration.workerCount {
                let worker = Worker(
                    name: "worker-\(workerIndex)", configuration: configuration, clock: clock,
                    board: board, ledger: ledger, service: service, random: random, trace: trace
                )
                group.addTask(name: worker.name) { try await worker.drain() }
            }
            try await group.waitForAll()
        }
        return await ledger.report
    }
}

/// Hands out job numbers; each is claimed by exactly one worker.
actor JobBoard {
    private var next = 0
    private let jobCount: Int

    init(jobCount: Int) { self.jobCount = jobCount }

    func claim() -> Int? {
        guard next < jobCount else { return nil }
        defer { next += 1 }
        return next
    }
}

/// Tallies results, and refuses to count a job twice.
actor Ledger {
    private(set) var report = WorkerPoolDemo.Report()
    private var settled: Set<Int> = []

    func attempt(timedOut: Bool, serviceError: Bool) {
        report.attempts += 1
        if timedOut { report.timeouts += 1 }
        if serviceError { report.serviceErrors += 1 }
    }

    func settle(job: Int, completed: Bool) {
        precondition(settled.insert(job).inserted, "job \(job) settled twice")
        if completed { report.completed += 1 } else { report.failed += 1 }
    }
}

/// A remote dependency: usually quick, sometimes very slow, occasionally failing.
actor FlakyService {
    struct TransientError: Error {}

    private let clock: any Clock<Duration>
    private let random: SeededRandom

    init(clock: any Clock<Duration>, random: SeededRandom) {
        self.clock = clock
        self.random = random
    }

    /// Draws this call's fate on the actor (so draws are ordered by the actor), then sleeps outside it.
    func plan() -> (latency: Duration, fails: Bool) {
        let slow = random.chance(0.15)
        let latency: Duration = slow
            ? .milliseconds(3000 + random.uniform(below: 4000))
            : .milliseconds(50 + random.uniform(below: 950))
        return (latency, random.chance(0.05))
    }

    nonisolated func process(job: Int) async throws -> Int {
        let (latency, fails) = await plan()
        try await clock.sleep(for: latency)
        if fails { throw TransientError() }
        return job * job
    }
}

/// One worker: claim, attempt under a timeout, back off and retry, settle.
struct Worker: Sendable {
    let name: String
    let configuration: WorkerPoolDemo.Configuration
    let clock: any Clock<Duration>
    let board: JobBoard
    let ledger: Ledger
    let service: FlakyService
    let random: SeededRandom
    let trace: @Sendable (String, String) -> Void

    init<C: Clock>(
        name: String, configuration: WorkerPoolDemo.Configuration, clock: C, board: JobBoard, ledger: Ledger,
        service: FlakyService, random: SeededRandom, trace: @escaping @Sendable (String, String) -> Void
    ) where C.Duration == Duration {
        self.name = name
        self.configuration = configuration
        self.clock = clock
        self.board = board
        self.ledger = ledger
        self.service = service
        self.random = random
        self.trace = trace
    }

    func drain() async throws {
        while let job = await board.claim() {
            let completed = try await attempt(job: job)
            await ledger.settle(job: job, completed: completed)
        }
    }

    private func attempt(job: Int) async throws -> Bool {
        for attemptNumber in 1...configuration.attemptCountMax {
            do {
                let service = self.service
                _ = try await withTimeout(configuration.attemptTimeout, clock: clock) {
                    try await service.process(job: job)
                }
                await ledger.attempt(timedOut: false, serviceError: false)
                trace(name, "job \(job) done on attempt \(attemptNumber)")
                return true
            } catch is TimeoutError {
                await ledger.attempt(timedOut: true, serviceError: false)
                trace(name, "job \(job) attempt \(attemptNumber) timed out")
            } catch is FlakyService.TransientError {
                await ledger.attempt(timedOut: false, serviceError: true)
                trace(name, "job \(job) attempt \(attemptNumber) failed")
            }
            if attemptNumber < configuration.attemptCountMax {
                try await clock.sleep(for: backoff(afterAttempt: attemptNumber))
            }
        }
        trace(name, "job \(job) given up after \(configuration.attemptCountMax) attempts")
        return false
    }

    /// Exponential backoff with full jitter: uniform in [0, base · 2^(n−1)].
    private func backoff(afterAttempt attemptNumber: Int) -> Duration {
        let ceiling = configuration.backoffBase.nanosecondsClamped << (attemptNumber - 1)
        return .nanoseconds(Int64(random.unitInterval() * Double(ceiling)))
    }
}
