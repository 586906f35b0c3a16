import Synchronization

/// The lifetime of one request, as a server sees it: cancelled when the response is complete or the client went
/// away (Go's request context, Swift's structured task). Work that observes it stops once the request is over;
/// work that must outlive the request must not observe it.
public final class RequestScope: Sendable {
    private let cancelled = Mutex(false)

    public init() {}

    /// Whether the request is over.
    public var isCancelled: Bool { cancelled.withLock { $0 } }

    /// Ends the request's scope; the server calls it when the response is complete or the client is gone.
    public func cancel() {
        cancelled.withLock { $0 = true }
    }

    /// Throws `CancellationError` once the request is over.
    public func checkCancellation() throws(CancellationError) {
        if isCancelled { throw CancellationError() }
    }
}
