import Foundation
import Scenarios

/// Runs sweep jobs on `count` worker processes, each driven by its own thread. A worker that dies mid-job is reported
/// for that job (`crashed`) and replaced, and the rest of the jobs go on. Results come back indexed like the jobs, so
/// their order never depends on which worker ran what (reports are byte-identical for any `--jobs`).
final class WorkerPool: SweepExecutor, Sendable {
    let executable: String
    let count: Int

    init(executable: String = WorkerProcess.executablePath, count: Int) {
        self.executable = executable
        self.count = count
    }

    /// Runs every job (until interrupted); `events.finished` is called, from a pool thread and one call at a time,
    /// with each job's index and outcome. Returns the outcomes, nil for jobs not run. Throws `StartFailure` when no
    /// worker can be started.
    func execute(_ jobs: [SweepJob], events: SweepEvents) throws -> [SweepJobOutcome?] {
        let state = Locked(State(outcomes: Array(repeating: nil, count: jobs.count)))
        let slots = min(count, jobs.count)
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<slots {
            let thread = Thread { [self] in
                defer { done.signal() }
                drive(jobs, state: state, events: events)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in 0..<slots { done.wait() }
        return try state.withLock { state in
            if let failure = state.startFailure { throw failure }
            return state.outcomes
        }
    }

    /// A value behind a lock, shared by the pool's threads.
    private final class Locked<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Value

        init(_ value: Value) {
            self.value = value
        }

        func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
            lock.lock()
            defer { lock.unlock() }
            return try body(&value)
        }
    }

    private struct State: Sendable {
        var outcomes: [SweepJobOutcome?]
        var next = 0
        var startFailure: StartFailure?
    }

    struct StartFailure: Error, CustomStringConvertible, Sendable {
        var description: String
    }

    private func drive(_ jobs: [SweepJob], state: Locked<State>, events: SweepEvents) {
        var worker: WorkerProcess?
        defer { if events.isInterrupted() { worker?.stop() } else { worker?.finish() } }
        while !events.isInterrupted() {
            let index: Int? = state.withLock { state in
                guard state.next < jobs.count, state.startFailure == nil else { return nil }
                defer { state.next += 1 }
                return state.next
            }
            guard let index else { return }
            if worker == nil {
                do {
                    worker = try WorkerProcess(executable: executable)
                } catch {
                    state.withLock { $0.startFailure = StartFailure(description: "cannot start a worker: \(error)") }
                    return
                }
            }
            events.started(index)
            let outcome: SweepJobOutcome
            if let result = worker?.perform(jobs[index]) {
                outcome = .finished(result)
            } else if events.isInterrupted() {
                return
            } else {
                let report = worker?.crashReport() ?? (cause: "the worker died", summary: "the worker died", detail: "")
                worker = nil
                outcome = .crashed(cause: report.cause, summary: report.summary, detail: report.detail)
            }
            state.withLock { state in
                state.outcomes[index] = outcome
                events.finished(index, outcome)
            }
        }
    }
}
