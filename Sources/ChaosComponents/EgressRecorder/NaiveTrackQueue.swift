import ChaosCore

/// The job queue the first design enqueued track jobs on: each job is tried `trackAttempts` times,
/// `trackRetryInterval` apart (no backoff), then dropped ("max retries reached, will not retry"). Its jobs live in
/// memory here, so a restart loses them too.
struct NaiveTrackQueue<C: Clock>: Sendable where C.Duration == Duration {
    let tracker: any EgressTracker
    let settings: EgressSettings
    let clock: C
    let background: any BackgroundTaskStarter
    let events: @Sendable (EgressEvent) -> Void

    /// Enqueues the batch's track job; with a `scope` that has ended, the enqueue fails with cancellation.
    func enqueue(_ cid: String, scope: RequestScope?) throws(CancellationError) {
        try scope?.checkCancellation()
        let (tracker, settings, clock, events) = (tracker, settings, clock, events)
        background.start("egress track \(cid.suffix(8))") {
            for attempt in 1...settings.trackAttempts where !Task.isCancelled {
                do {
                    try await tracker.track(batch: cid)
                    events(.reported(batch: cid, attempts: attempt))
                    return
                } catch {
                    let dropped = attempt == settings.trackAttempts
                    events(.trackFailed(batch: cid, attempt: attempt, error: "\(error)", dropped: dropped))
                    if !dropped { try? await clock.sleep(for: settings.trackRetryInterval) }
                }
            }
        }
    }
}
