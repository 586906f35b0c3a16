#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts work that outlives its caller: the component's way of saying "run this later, I will not wait for it".
///
/// A component that hands work to the background gets a starter instead of calling `Task {}` itself, so that the
/// same code runs in production (`DetachedTaskStarter`) and in a simulation, where the starter keeps the work on the
/// simulation's executor, names it, and counts it.
///
/// An error the work throws has nobody to go to: it *escapes*. A simulation records it in its escape ledger and by
/// default ends the run as a crash, the deterministic form of the unhandled rejection that kills a Node process;
/// production reports it to the starter's handler. Work that must survive its errors catches them itself.
public protocol BackgroundTaskStarter: Sendable {
    /// Starts `work` now, without waiting for it. `name` says what it is in logs, traces, hang reports and escapes.
    /// The handle cancels it (a timer no longer needed, a loop its owner stops); most callers drop it.
    @discardableResult
    func start(_ name: String, _ work: sending @escaping @Sendable () async throws -> Void) -> BackgroundTask
}

/// A handle on one piece of background work: all its starter lets anyone do with it is cancel it.
public struct BackgroundTask: Sendable {
    private let cancellation: @Sendable () -> Void

    public init(cancel: @escaping @Sendable () -> Void) { cancellation = cancel }

    /// Cancels the work; it ends at its next suspension point that honours cancellation (a `CancellationError` so
    /// ended is not an escape).
    public func cancel() { cancellation() }
}

/// Production's starter: each piece of work is a detached task, and an error that escapes one goes to `onEscape`.
public struct DetachedTaskStarter: BackgroundTaskStarter {
    private let onEscape: @Sendable (_ task: String, _ error: any Error) -> Void

    /// - Parameter onEscape: told of every error a piece of work lets escape (not of a cancelled task's
    ///   `CancellationError`); by default a line on standard error, so that no escape goes unseen.
    public init(
        onEscape: @escaping @Sendable (_ task: String, _ error: any Error) -> Void = Self.reportToStandardError
    ) {
        self.onEscape = onEscape
    }

    @discardableResult
    public func start(
        _ name: String, _ work: sending @escaping @Sendable () async throws -> Void
    ) -> BackgroundTask {
        let onEscape = onEscape
        // Production only: simulations use SimBackgroundTasks.
        let task = Task.detached(name: name) { // determinism: ok
            do {
                try await work()
            } catch is CancellationError where Task.isCancelled {
                return
            } catch {
                onEscape(name, error)
            }
        }
        return BackgroundTask { task.cancel() }
    }

    /// The default handler: `background task 'NAME' let an error escape: ERROR` on standard error.
    @Sendable public static func reportToStandardError(_ task: String, _ error: any Error) {
        let line = Array("background task '\(task)' let an error escape: \(error)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
