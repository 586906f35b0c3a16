import Synchronization

/// A clock for tests: `sleep` records the duration and moves virtual time forward at once, never waiting in real
/// time. `onSleep` runs inside each sleep, which lets a test crash the file system in the middle of an operation.
final class ManualTestClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleeps: [Duration] = []
        var onSleep: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }

    /// Every duration slept, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// The virtual time elapsed since creation.
    var elapsed: Duration { now.offset }

    func onSleep(_ action: (@Sendable () -> Void)?) {
        state.withLock { $0.onSleep = action }
    }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let action = state.withLock { state in
            state.sleeps.append(state.now.duration(to: deadline))
            if deadline > state.now { state.now = deadline }
            return state.onSleep
        }
        action?()
    }
}
