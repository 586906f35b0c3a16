/// The retry decisions of a robust download as a pure state machine: events in, actions out, no I/O.
///
/// The shell reports each attempt's failure together with a uniform draw in `0..<1` for the jitter, so the machine
/// itself stays deterministic and testable without a clock.
public struct DownloadRetryMachine: Sendable, Equatable {
    /// What the shell must do next.
    public enum Action: Sendable, Equatable {
        /// Start attempt `number` (1-based) after waiting `delay`.
        case attempt(number: Int, after: Duration)
        /// Give up with this error.
        case fail(DownloadError)
    }

    public let policy: DownloadRetryPolicy
    /// Attempts started so far.
    public private(set) var attemptCount = 0
    /// The waits chosen before each retry, in order.
    public private(set) var delays: [Duration] = []

    public init(policy: DownloadRetryPolicy) {
        self.policy = policy
    }

    /// The first attempt, immediately.
    public mutating func start() -> Action {
        precondition(attemptCount == 0, "start() called twice")
        attemptCount = 1
        return .attempt(number: 1, after: .zero)
    }

    /// An attempt failed with `error`; `retryAfter` is the server's Retry-After, `unit` a draw in `0..<1`.
    public mutating func attemptFailed(_ error: DownloadError, retryAfter: Duration?, unit: Double) -> Action {
        precondition(attemptCount >= 1, "attemptFailed before start()")
        precondition((0..<1).contains(unit), "unit must lie in 0..<1")
        var error = error
        error.attemptCount = attemptCount
        guard error.kind == .transient, attemptCount < policy.attemptCountMax else { return .fail(error) }
        if let retryAfter, retryAfter > policy.retryAfterMax { return .fail(error) }
        // base · 2^(n−1), capped; the exponent is bounded by the attempt limit, but guard the shift anyway.
        let exponent = min(attemptCount - 1, 30)
        var delay = min(policy.backoffCap, policy.backoffBase * (1 << exponent))
        delay += policy.jitterMax * unit
        delay = min(delay, policy.backoffCap)
        if let retryAfter { delay = max(delay, retryAfter) }
        attemptCount += 1
        delays.append(delay)
        return .attempt(number: attemptCount, after: delay)
    }
}
