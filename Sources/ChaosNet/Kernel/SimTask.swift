/// The handle of work started with `Simulation.spawn`: await its `value` (or `result`) to take on its error, or
/// cancel it. Work whose error nobody can take on any more escapes, as an unhandled rejection does in Node: it goes
/// into the escape ledger (and by default ends the run as a crash) when it fails after every copy of its handle was
/// dropped, when the last copy is dropped after it failed unawaited, or when the run completes with it failed and
/// never awaited. A `CancellationError` of cancelled work is not an escape.
public struct SimTask<Success: Sendable>: Sendable {
    let task: Task<Success, any Error>
    let token: SpawnHandleToken

    /// The work's value; its error, thrown here, is this caller's to handle.
    public var value: Success {
        get async throws {
            token.record.observe()
            return try await task.value
        }
    }

    /// The work's result, success or failure, which is then this caller's to handle.
    public var result: Result<Success, any Error> {
        get async {
            token.record.observe()
            return await task.result
        }
    }

    public func cancel() { task.cancel() }

    public var isCancelled: Bool { task.isCancelled }
}

/// What the kernel knows of one spawned task's failure, and whether anyone can still take it on. Touched on the
/// simulation's thread only.
final class SpawnRecord: @unchecked Sendable {
    let name: String
    /// Weak: a handle may outlive its simulation (a world object kept after the run), and then escapes no more.
    private weak var scheduler: SimulationScheduler?
    private var observed = false
    private var handleDropped = false
    private var escaped = false
    private var failure: (any Error)?

    init(name: String, scheduler: SimulationScheduler) {
        self.name = name
        self.scheduler = scheduler
    }

    func observe() { observed = true }

    /// The work threw `error`; a cancellation of cancelled work is not a failure.
    func failed(_ error: any Error) {
        if error is CancellationError && Task.isCancelled { return }
        failure = error
        if handleDropped { escapeIfUnobserved() } else { scheduler?.noteUnawaitedFailure(self) }
    }

    /// Every copy of the handle is gone: nobody can await the work any more.
    func handleWasDropped() {
        handleDropped = true
        escapeIfUnobserved()
    }

    /// Records the failure as an escape unless someone took it on (or it already escaped). Returns whether it did.
    @discardableResult
    func escapeIfUnobserved() -> Bool {
        guard let failure, !observed, !escaped, let scheduler else { return false }
        escaped = true
        scheduler.recordEscape(task: name, owner: "simulation.spawn", error: failure)
        return true
    }
}

/// Held by every copy of a `SimTask` and by nothing else: its end is the moment the last handle went away.
final class SpawnHandleToken: @unchecked Sendable {
    let record: SpawnRecord

    init(_ record: SpawnRecord) { self.record = record }

    deinit { record.handleWasDropped() }
}
