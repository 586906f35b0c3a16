/// What the clients and the node saw of each request, for the invariants and the figures.
struct EgressLedger {
    /// Invocations whose response sent body bytes.
    var bodySent: Set<String> = []
    /// Invocations whose response sent its whole body.
    var completed: Set<String> = []
    /// Refusals by reason.
    var refused: [String: Int] = [:]
    /// Receipt operations that failed with cancellation after their response was sent.
    var cancelledAfterResponse: [String] = []
    /// Receipt failures by operation and cause, cancellation aside.
    var receiptFailures: [String: Int] = [:]
    /// Batches rotated, reported (with the attempts it took), dropped after the last attempt, never enqueued.
    var rotated: Set<String> = []
    var reported: [String: Int] = [:]
    var dropped: Set<String> = []
    var neverEnqueued: Set<String> = []
    /// Rotations that failed, by the step that failed (the robust journal reports them and keeps recording).
    var rotationFailures: [String: Int] = [:]
    var writerStops = 0
    var recoveries = 0
}
