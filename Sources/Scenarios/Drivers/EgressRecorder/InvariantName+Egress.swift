extension InvariantName {
    /// Every response that sent body bytes has its receipt durable (on disk after recovery, or at the tracker).
    public static let receiptsDurable: InvariantName = "receipts_durable"
    /// No invocation is recorded twice, and the tracker counts each batch once.
    public static let noDuplicateReceipts: InvariantName = "no_duplicate_receipts"
    /// Work in flight stays within the recorder's bound (permits + queue) and the memory budget.
    public static let boundedWork: InvariantName = "bounded_work"
    /// Every batch parses as a CAR named by its sha256, and the journal has no torn section after recovery.
    public static let batchesIntact: InvariantName = "batches_intact"
    /// Once faults heal, every rotated batch is reported once or still pending on disk.
    public static let batchesAccounted: InvariantName = "batches_accounted"
    /// No receipt operation fails with cancellation after its response was sent.
    public static let noCancellationAfterResponse: InvariantName = "no_cancellation_after_response"
}
