/// What the scheduler does when several timers are due at one virtual instant.
public enum TimerWakeups: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// One timer at a time, in the order they were armed, each woken task running until it blocks before the next
    /// fires: the default, and what every digest recorded before `together` existed was made with.
    case oneAtATime = "one_at_a_time"
    /// Every timer due at the instant fires before any job runs, so the schedule strategy picks among all the jobs
    /// they woke: work due at one instant interleaves, as two timers that expire in one tick of a real machine can.
    /// A race whose window is a single instant (a close delivered while a call, due then too, is between two of its
    /// steps) is out of reach one timer at a time and reachable together.
    case together

    public var description: String { rawValue }
}
