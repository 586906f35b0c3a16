/// How a robust download retries: attempts, exponential backoff with jitter, and the timeouts of each attempt.
public struct DownloadRetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first included.
    public var attemptCountMax: Int
    /// The wait before the second attempt; it doubles for each later one.
    public var backoffBase: Duration
    /// The longest computed backoff (a server's Retry-After may ask for more, up to `retryAfterMax`).
    public var backoffCap: Duration
    /// Extra wait drawn uniformly from `0..<jitterMax`, so that clients failing together do not retry together.
    public var jitterMax: Duration
    /// The longest Retry-After honoured; a server asking for more ends the retries.
    public var retryAfterMax: Duration
    /// Timeouts of each attempt.
    public var connectTimeout: Duration
    public var readIdleTimeout: Duration
    public var totalTimeout: Duration

    public init(
        attemptCountMax: Int = 3, backoffBase: Duration = .seconds(4), backoffCap: Duration = .seconds(10),
        jitterMax: Duration = .seconds(1), retryAfterMax: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10), readIdleTimeout: Duration = .seconds(30),
        totalTimeout: Duration = .seconds(300)
    ) {
        precondition(attemptCountMax >= 1, "at least one attempt")
        precondition(backoffBase >= .zero && backoffCap >= backoffBase && jitterMax >= .zero, "bad backoff")
        self.attemptCountMax = attemptCountMax
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.jitterMax = jitterMax
        self.retryAfterMax = retryAfterMax
        self.connectTimeout = connectTimeout
        self.readIdleTimeout = readIdleTimeout
        self.totalTimeout = totalTimeout
    }
}
