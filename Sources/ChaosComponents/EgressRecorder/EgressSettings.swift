/// The recorder's limits and timings; the defaults are the design review's (and the facts sheet's) figures.
public struct EgressSettings: Sendable, Equatable {
    /// Where the journal (`egress.car.wip`) and the rotated batches (`egress.<cid>.car`) live.
    public var directory: String = "/data/egress"
    /// A batch is rotated once the journal holds at least this many bytes.
    public var maxBatchBytes: Int = 100 << 20
    /// Robust: requests recording at once.
    public var permits: Int = 64
    /// Robust: requests waiting for a permit, in FIFO order; beyond it, 503.
    public var queueCapacity: Int = 256
    /// Robust: the longest a request waits for a permit before it is shed with 503.
    public var maxQueueWait: Duration = .seconds(1)
    /// Robust: at most this many receipts share one fsync…
    public var groupCommitMax: Int = 256
    /// …and the writer waits at most this long for more before it syncs.
    public var groupCommitDelay: Duration = .milliseconds(1)
    /// The `Retry-After` of a 503, in seconds.
    public var retryAfterSeconds: Int = 1
    /// What each unit of pending work holds besides its receipt (a task's stack), for the work meter.
    public var stackBytes: Int = 2 << 10
    /// Naive: a track job is tried this many times…
    public var trackAttempts: Int = 10
    /// …this far apart, then dropped.
    public var trackRetryInterval: Duration = .seconds(5)
    /// Robust: the outbox is scanned this often, besides at start and after each rotation.
    public var outboxScanInterval: Duration = .seconds(30)
    /// Robust: the first and the longest delay between two reports of one batch (doubling, with jitter).
    public var reportBackoffMin: Duration = .seconds(1)
    public var reportBackoffMax: Duration = .seconds(300)

    public init() {}
}
