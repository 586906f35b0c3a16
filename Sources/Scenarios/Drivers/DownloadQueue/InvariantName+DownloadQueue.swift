extension InvariantName {
    /// Every queue entry ends downloaded, HARD-failed, or SOFT-failed within its retry limits.
    public static let queueEntriesSettled: InvariantName = "queue_entries_settled"
    /// Every enqueued hash is still in the queue (or downloaded) after crashes and restarts, none downloaded twice.
    public static let noLostEntries: InvariantName = "no_lost_entries"
}
