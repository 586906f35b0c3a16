import Foundation

/// One thread that runs every job handed to it, in arrival order: live mode's services run all their tasks here, so
/// that the registry, the fault plan and the HTTP exchanges — written for the simulation's single thread — never
/// run on two threads at once, though the sockets are real.
final class SerialThreadExecutor: TaskExecutor, SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var pending: [UnownedJob] = []
    private var stopping = false

    init(name: String) {
        // The thread holds the executor until its loop ends, so that releasing the last other reference right after
        // `shutDown` never leaves the loop reading a freed executor.
        let thread = Thread { self.runLoop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        pending.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once no job is left; jobs enqueued later still run before it does.
    func shutDown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while pending.isEmpty, !stopping { condition.wait() }
            if pending.isEmpty, stopping {
                condition.unlock()
                return
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch {
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            }
        }
    }
}
