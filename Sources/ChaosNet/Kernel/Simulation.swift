/// One seed, one world: a deterministic run of ordinary Swift async code on a virtual clock.
///
/// Every job of the simulation runs on the thread that calls `run`, in an order drawn from the seed; time is virtual
/// and jumps to the next timer when nothing is ready. The same seed gives the same interleaving, timings and trace
/// digest in any process.
///
/// ```swift
/// let simulation = Simulation(seed: 7)
/// let result = simulation.run { simulation in
///     try await simulation.clock.sleep(for: .seconds(5))
///     return simulation.clock.now
/// }
/// ```
///
/// Thread-safety: create, `spawn` before `run`, and `run` on one thread. Inside the run, use it only from the
/// simulation's own tasks.
public final class Simulation: @unchecked Sendable {
    public let seed: UInt64
    public let configuration: SimulationConfiguration
    let scheduler: SimulationScheduler
    /// Parts of the simulated world (the network, file systems) that live as long as the simulation.
    private var attachments: [AnyObject] = []

    public init(seed: UInt64, configuration: SimulationConfiguration = SimulationConfiguration()) {
        self.seed = seed
        self.configuration = configuration
        self.scheduler = SimulationScheduler(seed: seed, configuration: configuration)
    }

    /// Keeps `object` alive as long as this simulation: for parts of the world that refer back to the simulation
    /// without owning it.
    func attach(_ object: AnyObject) {
        attachments.append(object)
    }

    /// The simulation's virtual clock.
    public var clock: SimClock { SimClock(scheduler: scheduler) }

    /// The current virtual time.
    public var now: SimClock.Instant { clock.now }

    /// The executor that runs the simulation's jobs, for `withTaskExecutorPreference` in code that builds its own
    /// tasks.
    public var executor: any TaskExecutor { scheduler }

    /// The named random stream `name`: its draws depend only on the seed and the name.
    public func random(_ name: String) -> SeededRandom { scheduler.random(name) }

    /// Appends an event to the trace at the current virtual time.
    public func trace(_ source: String, _ message: String) {
        scheduler.record(source: source, message: message)
    }

    /// Starts unstructured work that stays in the simulation (never use a bare `Task {}` inside one). The task is
    /// named, tracked for hang reports, and cancelled when the simulation stops. Its error is for whoever awaits the
    /// returned handle; if nobody can (the handle was dropped, or the run completed without awaiting it), the error
    /// escapes (`SimTask`).
    @discardableResult
    public func spawn<Success: Sendable>(
        name: String,
        _ operation: sending @escaping () async throws -> Success
    ) -> SimTask<Success> {
        let scheduler = self.scheduler
        let pending = PendingTaskID()
        let record = SpawnRecord(name: name, scheduler: scheduler)
        let task = Task(name: name, executorPreference: scheduler) {
            do {
                let value = try await operation()
                scheduler.taskFinished(pending.id)
                return value
            } catch {
                scheduler.taskFinished(pending.id)
                record.failed(error)
                throw error
            }
        }
        pending.id = scheduler.registerTask(name: name) { task.cancel() }
        scheduler.record(source: "kernel", message: "spawn '\(name)'")
        return SimTask(task: task, token: SpawnHandleToken(record))
    }

    /// Starts background work that nobody awaits: an event handler, a timer's action, a refresh loop. An error it
    /// throws goes into the escape ledger (`SimulationResult.escapes`) with `name`, `owner`, the virtual time and the
    /// trace position, and by default ends the run as `Outcome.crash`, as an unhandled rejection kills a Node process.
    /// Work that must not crash the process catches its own errors. A `CancellationError` of cancelled work is not
    /// an escape: cancelling is how its owner stops it.
    ///
    /// `spawn` is for work whose task someone awaits; its error belongs to that awaiter.
    public func spawnBackground(
        name: String, owner: String, _ work: sending @escaping () async throws -> Void
    ) {
        spawn(name: name) { [self] in await runReportingEscapes(name: name, owner: owner, work) }
    }

    /// Runs `work`, recording what it throws as an escape, except a cancelled task's `CancellationError` (its
    /// owner's way of stopping it).
    func runReportingEscapes(name: String, owner: String, _ work: () async throws -> Void) async {
        do {
            try await work()
        } catch is CancellationError where Task.isCancelled {
            return
        } catch {
            recordEscape(task: name, owner: owner, error: error)
        }
    }

    /// Records that background work named `task`, started by `owner`, threw `error` and nothing handled it, as
    /// `spawnBackground` does: for code that runs background work its own way (an event dispatcher, a starter that
    /// keeps its tasks). Call from the simulation's thread.
    public func recordEscape(task: String, owner: String, error: any Error) {
        scheduler.recordEscape(task: task, owner: owner, error: error)
    }

    /// The escape ledger so far: errors background work let escape, in the order they did.
    public var escapes: [EscapedError] { scheduler.escapes }

    /// Kills the simulated process: the run stops after the current job with `Outcome.crash(report)`, as a real
    /// process dies when it blows its memory limit. Only the first crash counts. Call from the simulation's thread.
    public func crash(_ report: CrashReport) {
        scheduler.recordCrash(report)
    }

    /// Suspends the current task at a named wait point until `register`'s continuation is resumed. If the simulation
    /// goes quiet while the task waits, the hang report names the task and `waitPoint`.
    public func wait<Value: Sendable>(
        on waitPoint: String,
        _ register: (SimContinuation<Value, Never>) -> Void
    ) async -> Value {
        let scheduler = self.scheduler
        let waitID = scheduler.beginWait(on: { waitPoint })
        return await withUnsafeContinuation { continuation in
            register(SimContinuation(continuation: continuation, scheduler: scheduler, waitID: waitID))
        }
    }

    /// The throwing form of `wait(on:_:)`.
    public func wait<Value: Sendable>(
        on waitPoint: String,
        _ register: (SimContinuation<Value, any Error>) -> Void
    ) async throws -> Value {
        let scheduler = self.scheduler
        let waitID = scheduler.beginWait(on: { waitPoint })
        return try await withUnsafeThrowingContinuation { continuation in
            register(SimContinuation(continuation: continuation, scheduler: scheduler, waitID: waitID))
        }
    }

    /// Runs `root` as the simulation's root task and drives every job on the calling thread until a stop condition
    /// holds. Blocking by design; safe to call from synchronous code and from inside an async test.
    public func run<Value: Sendable>(
        _ root: @escaping @Sendable (Simulation) async throws -> Value
    ) -> SimulationResult<Value> {
        let box = ResultBox<Value>()
        let scheduler = self.scheduler
        var outcome = Outcome.completed
        var unfinishedTaskCount = 0
        var digest = TraceDigest(value: 0)
        var virtualTime = Duration.zero
        var steps = 0
        var escapes: [EscapedError] = []
        let reason = scheduler.run {
            let pending = PendingTaskID()
            let task = Task(name: "root", executorPreference: scheduler) { [self] in
                defer {
                    scheduler.taskFinished(pending.id)
                    scheduler.markRootFinished()
                }
                do {
                    box.result = .success(try await root(self))
                } catch {
                    box.result = .failure(error)
                }
            }
            pending.id = scheduler.registerTask(name: "root") { task.cancel() }
        } beforeTeardown: { reason in
            // Read everything that describes the outcome before the teardown cancels what is left.
            outcome = switch reason {
            case .completed: .completed
            case .timeout: .timeout(limit: configuration.timeLimit)
            case .stepLimit: .stepLimit(steps: scheduler.steps)
            case .hang: .hang(scheduler.hangReport())
            case .violation: .violation(ViolationReport(reasons: scheduler.violationReasons))
            case .crash: .crash(scheduler.crashReport ?? CrashReport(cause: "unknown", summary: "", detail: ""))
            }
            unfinishedTaskCount = scheduler.unfinishedTaskCount
            escapes = scheduler.escapes
            digest = scheduler.trace.digest
            virtualTime = .nanoseconds(scheduler.nowNanoseconds)
            steps = scheduler.steps
        }
        // The world's parts refer back to the simulation (the IPFS registry holds it), so keeping them attached after
        // the run kept every seed's world alive: one worker sweeping robust `ipfs-download-timeout` grew by ~58 KiB
        // per seed (95 MiB after 1,000 seeds, 495 MiB after 8,000). A simulation runs once; let them go.
        attachments.removeAll()
        return SimulationResult(
            seed: seed,
            outcome: outcome,
            value: reason == .completed ? box.result : nil,
            virtualTime: virtualTime,
            steps: steps,
            digest: digest,
            trace: scheduler.trace,
            strayJobCount: scheduler.strayJobCount,
            unfinishedTaskCount: unfinishedTaskCount,
            escapes: escapes
        )
    }
}

/// Carries the root's result out of the root task. Written and read on the simulation's thread only.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}

/// A task's registry slot, filled in right after the task is created (the task cannot run before that: its first job
/// waits in the scheduler's queue until the current job returns).
private final class PendingTaskID: @unchecked Sendable {
    var id = -1
}
