/// Which queue: the naive one faithful to the seed's failure, or the robust fix.
public enum DownloadQueueVariant: String, Sendable, Equatable, CaseIterable {
    /// Entries live in memory only (a restart loses them) and HARD failures are retried like SOFT ones.
    case naive
    /// Entries are persisted atomically, attempts are recorded before the fetch, HARD failures are never retried.
    case robust

    /// Whether a HARD failure stays eligible for retries.
    public var retriesHardFailures: Bool { self == .naive }
}
