import ChaosNet
import HTTPTypes
import Testing

/// Runs `body` with a network of `client` and `server`, an HTTP server on server:80 running `handler`, and a client.
func runHTTP<Value: Sendable>(
    seed: UInt64 = 1,
    link: LinkConditions = LinkConditions(latency: .milliseconds(10)),
    faults: [Fault] = [],
    handler: @escaping SimHTTPServer.Handler,
    _ body: @escaping @Sendable (Simulation, SimNetwork, SimHTTPClient) async throws -> Value
) -> SimulationResult<Value> {
    Simulation(seed: seed).run { simulation in
        let network = SimNetwork(simulation, defaultLink: link)
        network.addHost("client")
        network.addHost("server")
        for fault in faults { network.addFault(fault) }
        let server = try SimHTTPServer(network: network, host: "server", port: 80, handler: handler)
        server.start()
        let client = SimHTTPClient(network: network, host: "client")
        let value = try await body(simulation, network, client)
        server.stop()
        return value
    }
}

func get(_ path: String, authority: String = "server:80") -> HTTPRequest {
    HTTPRequest(method: .get, scheme: "http", authority: authority, path: path)
}

/// Serves `size` bytes of `pattern`, with Content-Length unless `chunked`, in pieces of `piece` bytes.
func patternHandler(size: Int, chunked: Bool, piece: Int = 64 << 10) -> SimHTTPServer.Handler {
    { _ in
        var fields = HTTPFields()
        if !chunked { fields[.contentLength] = String(size) }
        return HTTPServerResponse(head: HTTPResponse(status: .ok, headerFields: fields), body: .stream { writer in
            let bytes = pattern(size)
            var offset = 0
            while offset < size {
                let end = min(size, offset + piece)
                try await writer.write(bytes[offset..<end])
                offset = end
            }
        })
    }
}

/// The error an exchange throws, as an `HTTPClientError` (or nil if it succeeds).
func httpError(_ operation: () async throws -> Void) async -> HTTPClientError? {
    do {
        try await operation()
        return nil
    } catch let error as HTTPClientError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}
