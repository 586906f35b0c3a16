import Foundation

/// Runs jobs on `count` worker processes, each driven by its own thread. A worker that dies mid-job is reported for
/// that job and replaced, and the rest of the jobs go on. Results come back indexed like the jobs, so their order
/// never depends on which worker ran what (reports are byte-identical for any `--jobs`).
final class WorkerPool: Sendable {
    enum Result: Sendable {
        case reply(WorkerReply)
        case crash(summary: String, detail: String)
    }

    let executable: String
    let count: Int
    private let interrupted: @Sendable () -> Bool

    init(executable: String = WorkerProcess.executablePath, count: Int, interrupted: @escaping @Sendable () -> Bool) {
        self.executable = executable
        self.count = count
        self.interrupted = interrupted
    }

    /// Runs every job (until interrupted); `finished` is called, from a pool thread and one call at a time, with
    /// each job's index and result. Returns the results, nil for jobs not run. Throws when no worker can be started.
    func run(
        _ jobs: [WorkerJob], started: @escaping @Sendable (Int) -> Void = { _ in },
        finished: @escaping @Sendable (Int, Result) -> Void = { _, _ in }
    ) throws -> [Result?] {
        let state = Locked(State(results: Array(repeating: nil, count: jobs.count)))
        let slots = min(count, jobs.count)
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<slots {
            let thread = Thread { [self] in
                defer { done.signal() }
                drive(jobs, state: state, started: started, finished: finished)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in 0..<slots { done.wait() }
        return try state.withLock { state in
            if let failure = state.startFailure { throw failure }
            return state.results
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
        var results: [Result?]
        var next = 0
        var startFailure: StartFailure?
    }

    struct StartFailure: Error, CustomStringConvertible, Sendable {
        var description: String
    }

    private func drive(
        _ jobs: [WorkerJob], state: Locked<State>, started: @Sendable (Int) -> Void,
        finished: @Sendable (Int, Result) -> Void
    ) {
        var worker: WorkerProcess?
        defer { if interrupted() { worker?.stop() } else { worker?.finish() } }
        while !interrupted() {
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
            started(index)
            let result: Result
            if let reply = worker?.perform(jobs[index]) {
                result = .reply(reply)
            } else if interrupted() {
                return
            } else {
                let report = worker?.crashReport() ?? (summary: "the worker died", detail: "")
                worker = nil
                result = .crash(summary: report.summary, detail: report.detail)
            }
            state.withLock { state in
                state.results[index] = result
                finished(index, result)
            }
        }
    }
}
