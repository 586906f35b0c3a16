/// An action scheduled on a simulation's virtual clock, cancellable until it runs.
public struct ScheduledAction: Sendable {
    let scheduler: SimulationScheduler
    let handle: TimerQueue.Handle

    /// Cancels the action. Returns false if it already ran or was cancelled. Call on the simulation's thread.
    @discardableResult
    public func cancel() -> Bool {
        scheduler.cancelTimer(handle)
    }
}

extension Simulation {
    /// Runs `action` on the simulation's thread when virtual time reaches `deadline` (at once, in timer order, if the
    /// deadline has passed). Actions with equal deadlines run in the order they were scheduled, interleaved with
    /// sleeping tasks by the same rule. Call on the simulation's thread.
    @discardableResult
    public func schedule(at deadline: SimClock.Instant, _ action: @escaping () -> Void) -> ScheduledAction {
        ScheduledAction(
            scheduler: scheduler,
            handle: scheduler.schedule(atNanoseconds: deadline.nanosecondsSinceEpoch, action: action)
        )
    }

    /// Runs `action` on the simulation's thread after `delay` of virtual time.
    @discardableResult
    public func schedule(after delay: Duration, _ action: @escaping () -> Void) -> ScheduledAction {
        schedule(at: now.advanced(by: delay), action)
    }
}
