/// One host's view of the simulated network as a `Transport`: what a component that speaks its own protocol over
/// TCP-like streams receives, so that it never names the network itself. Not thread-safe: use on the simulation's
/// thread.
public struct SimHostTransport: Transport, @unchecked Sendable {
    public let network: SimNetwork
    public let host: String

    public init(network: SimNetwork, host: String) {
        self.network = network
        self.host = host
    }

    public func connect(to endpoint: Endpoint, timeout: Duration?) async throws -> SimConnection {
        try await network.connect(from: host, to: endpoint.host, port: endpoint.port, timeout: timeout)
    }

    public func listen(port: Int) throws -> SimListener {
        try network.listen(host: host, port: port)
    }
}

extension SimNetwork {
    /// The `Transport` through which code running on `host` opens and accepts streams.
    public func transport(for host: String) -> SimHostTransport {
        SimHostTransport(network: self, host: host)
    }
}
