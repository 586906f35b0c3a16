/// Limits and policies of one simulation. Every limit has a default, and running out of one is a reported outcome,
/// never a real hang.
public struct SimulationConfiguration: Sendable, Equatable {
    /// Virtual time after which the simulation stops with `.timeout`.
    public var timeLimit: Duration = .seconds(3600)
    /// Jobs the scheduler may run before stopping with `.stepLimit`.
    public var stepLimit: Int = 100_000_000
    /// Trace events kept in memory for the timeline (the digest covers all of them regardless).
    public var traceCapacity: Int = 10_000
    /// What to do with a job enqueued on the global executor from inside the simulation (a stray `Task {}` or
    /// a detached task).
    public var strayTaskPolicy: StrayTaskPolicy = .schedule
    /// How the next job is picked when several are ready: a seeded random walk, or PCT.
    public var schedule: ScheduleStrategy = .randomWalk
    /// Whether timers due at one instant wake one at a time (the default) or together, for the strategy to interleave.
    public var timerWakeups: TimerWakeups = .oneAtATime
    /// What an error that escaped background work does: end the run as a crash (the default) or only be recorded.
    public var escapePolicy: EscapePolicy = .crash
    /// Jobs the teardown may run while it cancels leftover work after the outcome is decided.
    public var teardownStepLimit: Int = 1_000_000
    /// Wall-clock time a quiet simulation waits for work already on its way from another thread before it reports a
    /// hang; such work is then reported as a violation instead. Only failing runs ever wait.
    public var foreignArrivalGrace: Duration = .milliseconds(50)

    public init(
        timeLimit: Duration = .seconds(3600),
        stepLimit: Int = 100_000_000,
        traceCapacity: Int = 10_000,
        strayTaskPolicy: StrayTaskPolicy = .schedule,
        escapePolicy: EscapePolicy = .crash,
        schedule: ScheduleStrategy = .randomWalk,
        teardownStepLimit: Int = 1_000_000,
        foreignArrivalGrace: Duration = .milliseconds(50),
        timerWakeups: TimerWakeups = .oneAtATime
    ) {
        precondition(timeLimit >= .zero, "the time limit must not be negative")
        precondition(stepLimit > 0, "the step limit must be positive")
        self.timeLimit = timeLimit
        self.stepLimit = stepLimit
        self.traceCapacity = traceCapacity
        self.strayTaskPolicy = strayTaskPolicy
        self.escapePolicy = escapePolicy
        self.schedule = schedule
        self.teardownStepLimit = teardownStepLimit
        self.foreignArrivalGrace = foreignArrivalGrace
        self.timerWakeups = timerWakeups
    }
}

/// How the simulation treats work that escaped to the global executor from the simulation's thread.
public enum StrayTaskPolicy: String, Sendable, Equatable {
    /// Run it in the simulation, in seeded order like any other job, and count it in the result.
    case schedule
    /// Run it, but stop the simulation with a `.violation` outcome naming it.
    case violation
}
