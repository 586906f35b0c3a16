import Foundation

/// The misbehaving loopback server of `Fixtures/loopback_server.py`, one process per test: started with `start`,
/// killed with `stop` (call it in a `defer`). Its paths are listed in the script. Immutable after `start`.
final class LoopbackServer: @unchecked Sendable {
    /// The HTTP port on 127.0.0.1.
    let port: Int
    /// A port whose accept queue is full: connecting to it times out.
    let fullPort: Int
    /// A port nothing listens on: connecting to it is refused.
    let closedPort: Int
    private let process: Process

    var authority: String { "127.0.0.1:\(port)" }

    private init(process: Process, port: Int, fullPort: Int, closedPort: Int) {
        self.process = process
        self.port = port
        self.fullPort = fullPort
        self.closedPort = closedPort
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the script with `arguments` and waits (at most 10 s) for it to report its ports.
    static func start(_ arguments: [String] = []) async throws -> LoopbackServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/loopback_server.py").path
        let info = FileManager.default.temporaryDirectory.appendingPathComponent("loopback-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: info) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, info.path] + arguments
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, process.isRunning {
            if let data = try? Data(contentsOf: info),
               let ports = try? JSONSerialization.jsonObject(with: data) as? [String: Int],
               let port = ports["port"], let fullPort = ports["full_port"], let closedPort = ports["closed_port"]
            {
                return LoopbackServer(process: process, port: port, fullPort: fullPort, closedPort: closedPort)
            }
            // Not Thread.sleep: blocking a cooperative thread starves the other tests' clients and consumers.
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { process.terminate() }
        throw StartFailure(description: "loopback_server.py did not report its ports within 10 s")
    }

    /// Kills the server and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
