/// A listening socket on the simulated network: connections to its endpoint queue up until `accept` takes them.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimListener: @unchecked Sendable {
    public let endpoint: Endpoint
    private unowned let network: SimNetwork
    private var backlog: [SimConnection] = []
    private var backlogHead = 0
    private let acceptWaiter: SimWaiter<SimConnection?>
    public private(set) var isClosed = false

    init(endpoint: Endpoint, network: SimNetwork) {
        self.endpoint = endpoint
        self.network = network
        self.acceptWaiter = SimWaiter(network.simulation)
    }

    /// The next incoming connection, or nil once the listener is closed.
    public func accept() async throws -> SimConnection? {
        if backlogHead < backlog.count {
            defer { compactBacklog() }
            backlogHead += 1
            return backlog[backlogHead - 1]
        }
        if isClosed { return nil }
        return try await acceptWaiter.wait(on: "accept on \(self.endpoint)", timeoutError: { CancellationError() })
    }

    /// Stops listening: new connection attempts are refused and a pending `accept` returns nil.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        network.removeListener(self)
        acceptWaiter.resume(returning: nil)
    }

    func enqueue(_ connection: SimConnection) {
        if acceptWaiter.isWaiting, acceptWaiter.resume(returning: connection) { return }
        backlog.append(connection)
    }

    private func compactBacklog() {
        if backlogHead == backlog.count {
            backlog.removeAll(keepingCapacity: true)
            backlogHead = 0
        }
    }
}
