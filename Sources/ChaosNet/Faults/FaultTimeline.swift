/// When a fault with a given activity is active, for parts of the world that apply faults themselves (a file system
/// losing power, a disk filling up). Episodes are drawn lazily from `random`, in order, exactly as the network draws
/// the episodes of its own faults.
public final class FaultTimeline {
    private let schedule: FaultSchedule

    public init(activity: FaultActivity, random: SeededRandom) {
        schedule = FaultSchedule(activity: activity, random: random)
    }

    /// The first active period that ends after `time`, as offsets from the simulation's epoch, or nil if the fault is
    /// never active again. A period that contains `time` is returned whole.
    public func nextPeriod(after time: Duration) -> (start: Duration, end: Duration)? {
        let nanoseconds = time.nanosecondsClamped
        if let period = schedule.activePeriod(at: nanoseconds) {
            return (.nanoseconds(period.start), .nanoseconds(period.end))
        }
        // Not active at `time`: the query above drew episodes until one ends after `time`, so the next period, if
        // any, is already known.
        if let period = schedule.periods.first(where: { $0.start > nanoseconds }) {
            return (.nanoseconds(period.start), .nanoseconds(period.end))
        }
        return nil
    }
}
