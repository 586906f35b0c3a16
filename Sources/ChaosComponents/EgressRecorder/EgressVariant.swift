/// The egress recorder's variants: the two shapes the design review rejected, and the bounded, durable one.
public enum EgressVariant: String, CaseIterable, Sendable {
    /// Respond first; a detached task per request appends the receipt (no fsync) and enqueues a track job after a
    /// rotation. Nothing bounds the tasks; errors are only logged; a track job is tried 10 times 5 s apart, then
    /// dropped.
    case naive
    /// As `naive`, but the task observes the request's scope, which ends with the response: work that runs after it
    /// fails with `CancellationError`, and its receipt is lost.
    case naiveScoped = "naive-scoped"
    /// Admission with a bound (permits, then a bounded FIFO, then 503), the receipt durable before the first body byte
    /// (group commit), a rotation that syncs and never leaves the journal closed, and a durable outbox of batches.
    case robust
}
