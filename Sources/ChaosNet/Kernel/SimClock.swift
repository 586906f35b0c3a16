/// The virtual clock of one simulation: `now` moves only when the scheduler has nothing ready to run, and then jumps
/// straight to the earliest pending timer.
///
/// Components take `any Clock<Duration>`; in the simulation they get this clock, in production a `ContinuousClock`.
/// Sleeping on it from outside the simulation's run throws `SimulationError.usedOutsideSimulation`.
public struct SimClock: Clock {
    /// A point in virtual time: whole nanoseconds since the simulation's fixed epoch (time zero).
    ///
    /// Stored as an `Int64` (±292 years) rather than a `Duration`: 128-bit arithmetic on every sleep measured as a
    /// visible share of a timer wakeup. Arithmetic saturates instead of trapping.
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
        public var nanosecondsSinceEpoch: Int64

        public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

        public init(offset: Duration) { self.nanosecondsSinceEpoch = offset.nanosecondsClamped }

        /// Time zero, where every simulation starts.
        public static let epoch = Instant(nanosecondsSinceEpoch: 0)

        /// The offset from the epoch.
        public var offset: Duration { .nanoseconds(nanosecondsSinceEpoch) }

        @inlinable
        public func advanced(by duration: Duration) -> Instant {
            let (sum, overflow) = nanosecondsSinceEpoch.addingReportingOverflow(duration.nanosecondsClamped)
            return Instant(nanosecondsSinceEpoch: overflow ? (sum < 0 ? .max : .min) : sum)
        }

        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch }
        public var description: String { "t+\(offset.formattedSeconds)" }
    }

    let scheduler: SimulationScheduler

    init(scheduler: SimulationScheduler) { self.scheduler = scheduler }

    public var now: Instant { Instant(nanosecondsSinceEpoch: scheduler.nowNanoseconds) }

    /// One nanosecond: the kernel keeps time in whole nanoseconds.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Suspends until `deadline`. Tolerance is ignored: virtual timers fire exactly. Cancelling the sleeping task
    /// resumes it at once, at the current virtual time, with `CancellationError`.
    nonisolated(nonsending) public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await scheduler.sleep(untilNanoseconds: deadline.nanosecondsSinceEpoch)
    }
}
