/// The error thrown by `withTimeout` when the deadline passes first.
public struct TimeoutError: Error, Equatable, CustomStringConvertible {
    public var limit: Duration
    public init(limit: Duration) { self.limit = limit }
    public var description: String { "timed out after \(limit)" }
}

/// Runs `operation`, and cancels it if it has not finished within `limit` on `clock`.
///
/// The operation and a sleeper race in a task group; whichever finishes first wins and the other is cancelled. Works
/// with any clock, so the same code runs on a `ContinuousClock` in production and on a virtual clock in a simulation.
public func withTimeout<Value: Sendable, C: Clock>(
    _ limit: Duration,
    clock: C,
    operation: @escaping @Sendable () async throws -> Value
) async throws -> Value where C.Duration == Duration {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await clock.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        // The first child to finish decides; `nil` means the sleeper won.
        guard let first = try await group.next(), let value = first else {
            throw TimeoutError(limit: limit)
        }
        return value
    }
}

extension TimeoutError: NamedError {
    public var causeName: String { "timeout" }
}
