import Foundation

/// A task executor on threads of its own, for the real-time tests of this target.
///
/// `swift test` runs every target in one process, and the simulation suites keep the cooperative pool's threads
/// (two on a two-core machine) busy for minutes without yielding; a live test whose continuation waits for one of
/// them sees its 300 ms timeouts measured in minutes (seen: every live test failing after 249 s in a full run).
/// Jobs here run on dedicated threads, so the wall-clock bounds of these tests hold whatever else is running.
final class LiveTestExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = LiveTestExecutor(threadCount: 4)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(threadCount: Int) {
        for index in 0..<threadCount {
            let thread = Thread { [unowned self] in self.runJobs() }
            thread.name = "live-test-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
