/// Runs a sweep's jobs: in this process (`InProcessSweepExecutor`) or on worker processes (chaos-run's pool).
///
/// Results come back indexed like the jobs, never by arrival, so that which job finished first can never show in a
/// report.
public protocol SweepExecutor {
    /// Runs every job until `isInterrupted` says stop; returns each job's outcome, nil for jobs not run. Calls
    /// `events.started` before and `events.finished` after each job, one call at a time.
    func execute(_ jobs: [SweepJob], events: SweepEvents) throws -> [SweepJobOutcome?]
}

/// The callbacks of `SweepExecutor.execute`.
public struct SweepEvents: Sendable {
    public var started: @Sendable (Int) -> Void
    public var finished: @Sendable (Int, SweepJobOutcome) -> Void
    /// Polled between jobs: true stops handing out jobs.
    public var isInterrupted: @Sendable () -> Bool

    public init(
        started: @escaping @Sendable (Int) -> Void = { _ in },
        finished: @escaping @Sendable (Int, SweepJobOutcome) -> Void = { _, _ in },
        isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) {
        self.started = started
        self.finished = finished
        self.isInterrupted = isInterrupted
    }
}
