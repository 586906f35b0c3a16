/// One suspended task at a time, waiting on a named wait point for a value, a deadline or cancellation.
///
/// The building block of the simulated world's blocking operations (a socket read, an accept, a connect): the owner of
/// the resource calls `resume` when the awaited thing happens. Waits show up by name in hang reports, an optional
/// deadline on the virtual clock ends the wait with the caller's timeout error at exactly that instant, and cancelling
/// the waiting task ends it at once with `CancellationError`.
///
/// Not thread-safe: use on the simulation's thread (a cancellation from elsewhere is handed to that thread and
/// reported as a violation).
public final class SimWaiter<Value: Sendable>: @unchecked Sendable {
    private let scheduler: SimulationScheduler
    private var continuation: UnsafeContinuation<Value, any Error>?
    private var deadlineTimer: TimerQueue.Handle?
    private var waitID: Int?
    /// Counts waits, so that a late cancellation of an earlier wait cannot end a later one.
    private var generation = 0
    private var cancelledBeforeSuspending = false

    public init(_ simulation: Simulation) {
        self.scheduler = simulation.scheduler
    }

    /// Whether a task is suspended here and not yet resumed. A task that was resumed but has not run yet is not
    /// waiting any more: what happens before it runs (a second delivery at the same instant) is for its next wait.
    public var isWaiting: Bool { continuation != nil }

    /// Suspends the current task until `resume` is called, `deadline` passes (then throws `timeoutError()`), or the
    /// task is cancelled (throws `CancellationError`).
    public func wait(
        on waitPoint: @autoclosure @escaping () -> String,
        deadline: SimClock.Instant? = nil,
        timeoutError: @escaping () -> any Error
    ) async throws -> Value {
        precondition(
            continuation == nil && waitID == nil, "SimWaiter supports one waiting task at a time (\(waitPoint()))")
        generation += 1
        let myGeneration = generation
        cancelledBeforeSuspending = false
        waitID = scheduler.beginWait(on: waitPoint)
        defer {
            if let waitID { scheduler.endWait(waitID) }
            waitID = nil
        }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Value, any Error>) in
                if self.cancelledBeforeSuspending {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                self.continuation = continuation
                if let deadline {
                    self.deadlineTimer = self.scheduler.schedule(atNanoseconds: deadline.nanosecondsSinceEpoch) {
                        [weak self] in
                        self?.finish(.failure(timeoutError()))
                    }
                }
            }
        } onCancel: {
            self.scheduler.performOnOwnerThread(reason: "a waiting task was cancelled from outside the simulation") {
                guard self.generation == myGeneration else { return }
                if self.continuation == nil {
                    self.cancelledBeforeSuspending = true
                } else {
                    self.finish(.failure(CancellationError()))
                }
            }
        }
    }

    /// Ends the wait with `value`. Returns false if no task was waiting.
    @discardableResult
    public func resume(returning value: Value) -> Bool {
        finish(.success(value))
    }

    /// Ends the wait by throwing `error` in the waiting task. Returns false if no task was waiting.
    @discardableResult
    public func resume(throwing error: any Error) -> Bool {
        finish(.failure(error))
    }

    @discardableResult
    private func finish(_ result: Result<Value, any Error>) -> Bool {
        guard let continuation else { return false }
        self.continuation = nil
        if let deadlineTimer {
            scheduler.cancelTimer(deadlineTimer)
            self.deadlineTimer = nil
        }
        continuation.resume(with: result)
        return true
    }
}
