/// Starts work that outlives its caller: the component's way of saying "run this later, I will not wait for it".
///
/// A component that hands work to the background gets a starter instead of calling `Task {}` itself, so that the
/// same code runs in production (`DetachedTaskStarter`) and in a simulation, where the starter keeps the work on the
/// simulation's executor, names it, and counts it.
public protocol BackgroundTaskStarter: Sendable {
    /// Starts `work` now, without waiting for it. `name` says what it is in logs, traces and hang reports.
    func start(_ name: String, _ work: sending @escaping @Sendable () async -> Void)
}

/// Production's starter: each piece of work is a detached task.
public struct DetachedTaskStarter: BackgroundTaskStarter {
    public init() {}

    public func start(_ name: String, _ work: sending @escaping @Sendable () async -> Void) {
        // Production only: simulations use SimBackgroundTasks.
        Task.detached(name: name) { await work() } // determinism: ok
    }
}
