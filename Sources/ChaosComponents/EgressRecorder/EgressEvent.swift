/// What the recorder tells its operator: each thing that went wrong or that a report counts. Production logs them; a
/// simulation's driver counts them.
public enum EgressEvent: Sendable, Equatable {
    /// A receipt could not be recorded; with `afterResponse`, its response had already been sent.
    case receiptFailed(invocationID: String, operation: String, error: String, cancelled: Bool, afterResponse: Bool)
    /// A batch was rotated under its CID.
    case rotated(batch: String, receipts: Int)
    /// Rotating the journal failed at `step`.
    case rotationFailed(step: String, error: String)
    /// A track call for the batch failed; it will be tried again unless `dropped`.
    case trackFailed(batch: String, attempt: Int, error: String, dropped: Bool)
    /// Enqueueing the batch's track job failed: nothing will report it.
    case trackEnqueueFailed(batch: String, error: String, cancelled: Bool)
    /// The tracker consolidated the batch.
    case reported(batch: String, attempts: Int)
    /// A request was refused with 503 (`egress_overloaded` or `egress_receipt_unavailable`).
    case refused(reason: String)
    /// An fsync failed: the robust writer stops for good (no fsync is ever retried).
    case writerStopped(error: String)
    /// Recovery found a damaged journal tail and truncated it.
    case recovered(receipts: Int, truncatedBytes: Int)
}
