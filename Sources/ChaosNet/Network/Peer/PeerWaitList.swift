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
    ///
    /// The wait point's name is built only if a hang report needs it: a stream read waits on every delivery.
    func wait(
        on waitPoint: @autoclosure @escaping () -> String, deadline: SimClock.Instant? = nil
    ) async throws -> Bool {
        try Task.checkCancellation()
        let number = nextNumber
        nextNumber += 1
        let scheduler = simulation.scheduler
        let woken = await withTaskCancellationHandler {
            let waitID = scheduler.beginWait(on: waitPoint)
            return await withUnsafeContinuation { (continuation: UnsafeContinuation<Bool, Never>) in
                let timer = deadline.map { deadline in
                    simulation.schedule(at: deadline) { [weak self] in
                        self?.waiters.removeValue(forKey: number)?.continuation.resume(returning: false)
                    }
                }
                let resumable = SimContinuation(continuation: continuation, scheduler: scheduler, waitID: waitID)
                waiters[number] = (resumable, timer)
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
