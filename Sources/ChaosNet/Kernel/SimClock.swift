/// The virtual clock of one simulation: `now` moves only when the scheduler has nothing ready to run, and then jumps
/// straight to the earliest pending timer.
///
/// Components take `any Clock<Duration>`; in the simulation they get this clock, in production a `ContinuousClock`.
/// Sleeping on it from outside the simulation's run throws `SimulationError.usedOutsideSimulation`.
public struct SimClock: Clock {
    /// A point in virtual time: an offset from the simulation's fixed epoch (time zero).
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        /// Time zero, where every simulation starts.
        public static let epoch = Instant(offset: .zero)

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "t+\(offset.formattedSeconds)" }
    }

    let scheduler: SimulationScheduler

    init(scheduler: SimulationScheduler) { self.scheduler = scheduler }

    public var now: Instant { Instant(offset: .nanoseconds(scheduler.nowNanoseconds)) }

    /// One nanosecond: the kernel keeps time in whole nanoseconds.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Suspends until `deadline`. Tolerance is ignored: virtual timers fire exactly. Cancelling the sleeping task
    /// resumes it at once, at the current virtual time, with `CancellationError`.
    nonisolated(nonsending) public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await scheduler.sleep(untilNanoseconds: deadline.offset.nanosecondsClamped)
    }
}
