import ChaosCore

/// What a connection manager holds at one moment: what invariants and reports read.
public struct ConnectionManagerSnapshot: Sendable, Equatable {
    /// The active connection to each node, by shared id.
    public var active: [NodeID: UInt64] = [:]
    /// Connections draining (duplicates, or at stop).
    public var draining = 0
    /// Uses of each held connection, by shared id: calls in flight, plus (robust) the streams the peer opened.
    public var usage: [UInt64: Int] = [:]
    /// Calls of `withConnection` in flight, and made so far.
    public var callsInFlight = 0
    public var calls = 0
    /// Connections this node dialled so far (not counting dials that failed).
    public var dials = 0
    /// Callers waiting for a node's dial lock now, and at most so far.
    public var lockWaiters = 0
    public var peakLockWaiters = 0
    /// Callers in `withConnection` at most at once so far (the bound on lock waiters).
    public var peakCallsInFlight = 0
    /// Lookup queries in flight at most at once in one lookup so far.
    public var peakLookupQueriesInFlight = 0
    /// TTL timers armed.
    public var timers = 0
    public var isRunning = false

    public init() {}
}
