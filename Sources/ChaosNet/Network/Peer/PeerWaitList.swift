/// Tasks waiting for a peer connection's state to change (data on a stream, an inbound stream, room in the send
/// buffer, the close), woken together so that each re-checks its own condition: a condition variable on the
/// simulation's clock. Waits are named wait points, so a hang report says what a task waited for.
///
/// Not thread-safe: use on the simulation's thread.
final class PeerWaitList: @unchecked Sendable {
    private unowned let simulation: Simulation
    /// Waiters by arrival number, so that they wake in arrival order.
    private var waiters: [Int: (continuation: SimContinuation<Bool, Never>, deadline: ScheduledAction?)] = [:]
    private var nextNumber = 0

    init(_ simulation: Simulation) {
        self.simulation = simulation
    }

    /// Suspends until `wakeAll()` (returns true) or `deadline` (returns false). Throws `CancellationError` if the
    /// task is cancelled, before or while it waits: a world's teardown ends its waiting tasks that way, so that
    /// nothing they hold outlives the run.
    func wait(on waitPoint: String, deadline: SimClock.Instant? = nil) async throws -> Bool {
        try Task.checkCancellation()
        let number = nextNumber
        nextNumber += 1
        let woken = await withTaskCancellationHandler {
            await simulation.wait(on: waitPoint) { (continuation: SimContinuation<Bool, Never>) in
                let timer = deadline.map { deadline in
                    simulation.schedule(at: deadline) { [weak self] in
                        self?.waiters.removeValue(forKey: number)?.continuation.resume(returning: false)
                    }
                }
                waiters[number] = (continuation, timer)
            }
        } onCancel: { [weak self] in
            guard let self, let waiter = waiters.removeValue(forKey: number) else { return }
            waiter.deadline?.cancel()
            waiter.continuation.resume(returning: false)
        }
        try Task.checkCancellation()
        return woken
    }

    func wakeAll() {
        guard !waiters.isEmpty else { return }
        let woken = waiters.sorted { $0.key < $1.key }
        waiters = [:]
        for (_, waiter) in woken {
            // A woken wait leaves no timer behind.
            waiter.deadline?.cancel()
            waiter.continuation.resume(returning: true)
        }
    }
}
