import ChaosCore

/// A component's background work inside a simulation: each piece is a named task of the simulation, in seeded order,
/// counted, and cancelled with `cancelAll()` when the process that started it dies. An error a piece throws goes into
/// the simulation's escape ledger under its name and `owner` (and by default crashes the run), as an unhandled
/// rejection kills a Node process.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimBackgroundTasks: BackgroundTaskStarter, @unchecked Sendable {
    private let simulation: Simulation
    /// Who starts the work, as escapes name it: the component or process.
    public let owner: String
    /// Pieces of work started, and finished, so far.
    public private(set) var started = 0
    public private(set) var finished = 0
    private var running: [Int: SimTask<Void>] = [:]

    public init(simulation: Simulation, owner: String = "background work") {
        self.simulation = simulation
        self.owner = owner
    }

    @discardableResult
    public func start(
        _ name: String, _ work: sending @escaping @Sendable () async throws -> Void
    ) -> BackgroundTask {
        let number = started
        started += 1
        let task = simulation.spawn(name: name) { [self] in
            // Cancelled by `cancelAll()` or its handle, work ends with a `CancellationError` that is not an escape.
            await simulation.runReportingEscapes(name: name, owner: owner, work)
            finished += 1
            running[number] = nil
        }
        // The work runs when the kernel schedules it, never inside `spawn`, so it cannot have ended yet.
        running[number] = task
        return BackgroundTask { task.cancel() }
    }

    /// Pieces of work started and not yet finished.
    public var runningCount: Int { running.count }

    /// Cancels every piece of work still running, as the death of its process ends it.
    public func cancelAll() {
        // In start order: a dictionary's order differs between processes, and cancelling can wake tasks.
        for number in running.keys.sorted() { running[number]?.cancel() }
        running = [:]
    }
}
