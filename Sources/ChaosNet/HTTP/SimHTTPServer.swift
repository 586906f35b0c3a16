import HTTPTypes

/// An HTTP/1.1 server on the simulated network: one task per connection, keep-alive, streaming bodies both ways, and
/// the HTTP-level faults aimed at its service (status codes, slow headers, stalled, truncated or aborted bodies),
/// all in `HTTPExchangeServer`, which live mode runs on real sockets.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimHTTPServer: @unchecked Sendable {
    public typealias Handler = HTTPExchangeServer.Handler

    public var endpoint: Endpoint { exchange.endpoint }
    private let network: SimNetwork
    private let listener: SimListener
    private let exchange: HTTPExchangeServer
    /// Requests handled so far.
    public var requestCount: Int { exchange.requestCount }

    /// Listens on `host:port`; call `start` to begin accepting.
    public init(network: SimNetwork, host: String, port: Int, handler: @escaping Handler) throws {
        self.network = network
        self.listener = try network.listen(host: host, port: port)
        self.exchange = HTTPExchangeServer(
            endpoint: Endpoint(host: host, port: port), faultPlan: network.faultPlan,
            runtime: SimHTTPServerRuntime(network.simulation), handler: handler)
    }

    /// Starts the accept loop as a task of the simulation.
    public func start() {
        let simulation = network.simulation
        simulation.spawn(name: "http \(endpoint)") { [self] in
            while let connection = try await listener.accept() {
                simulation.spawn(name: "http \(endpoint) conn#\(connection.id)") { [exchange] in
                    await exchange.serve(connection)
                }
            }
        }
    }

    /// Stops accepting; connections in progress finish their current exchange.
    public func stop() {
        listener.close()
    }
}
