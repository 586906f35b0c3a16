/// How the robust uploader retries: attempts, exponential backoff with jitter, and the limit of one attempt.
public struct UploadRetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first included.
    public var attemptCountMax: Int
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// The whole of one attempt: connect, send, and the reply.
    public var attemptTimeout: Duration

    public init(
        attemptCountMax: Int = 4, backoffBase: Duration = .seconds(1), backoffCap: Duration = .seconds(8),
        attemptTimeout: Duration = .seconds(10)
    ) {
        precondition(attemptCountMax >= 1, "at least one attempt")
        self.attemptCountMax = attemptCountMax
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.attemptTimeout = attemptTimeout
    }

    /// The wait after failed attempt `attempt` (1-based): `base · 2^(attempt−1)`, capped, times `0.5 + jitter/2`
    /// for a `jitter` in 0..<1, so that clients that failed together do not retry together.
    public func backoff(afterAttempt attempt: Int, jitter: Double) -> Duration {
        let doubled = backoffBase * (1 << min(attempt - 1, 20))
        return min(doubled, backoffCap) * (0.5 + jitter / 2)
    }
}
