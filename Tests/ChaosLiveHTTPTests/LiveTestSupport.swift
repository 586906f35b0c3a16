import ChaosCore
import ChaosLiveHTTP
import HTTPTypes

/// Runs `body` on `LiveTestExecutor`'s threads against a fresh loopback server and live client, then shuts the
/// client down and kills the server, whatever `body` did.
func withLiveClient(
    serverArguments: [String] = [], _ body: (LoopbackServer, LiveHTTPClient) async throws -> Void
) async throws {
    try await withTaskExecutorPreference(LiveTestExecutor.shared) {
        try await runLive(serverArguments: serverArguments, body)
    }
}

private func runLive(
    serverArguments: [String], _ body: (LoopbackServer, LiveHTTPClient) async throws -> Void
) async throws {
    let server = try await LoopbackServer.start(serverArguments)
    defer { server.stop() }
    let client = LiveHTTPClient()
    do {
        try await body(server, client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
}

extension LoopbackServer {
    /// A request for `path` on this server (or on another of its loopback ports).
    func request(_ path: String, method: HTTPRequest.Method = .get, port: Int? = nil) -> HTTPRequest {
        HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1:\(port ?? self.port)", path: path)
    }
}

/// How long `operation` took on the real clock.
func elapsed(_ operation: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await operation()
    return start.duration(to: .now)
}
