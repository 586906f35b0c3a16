import ChaosLive
import Foundation

/// `chaos-run serve` in a process of its own, as a user starts it: standard output and error go to files (so no
/// pipe fills up), the ready line is read from the first, and `stop` sends SIGTERM as Ctrl-C's sibling would.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let status: LiveServerStatus
    private let directory: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private init(process: Process, status: LiveServerStatus, directory: URL) {
        self.process = process
        self.status = status
        self.directory = directory
    }

    /// The built executable, next to the test bundle (the test target depends on it).
    static var executable: URL {
        let products = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?
            .deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("chaos-run")
    }

    /// Starts `chaos-run serve SCENARIO --port 0 --control-port 0 ARGUMENTS`; waits at most 20 s for the ready line.
    static func start(scenario: String, _ arguments: [String] = []) async throws -> ServeProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", scenario, "--port", "0", "--control-port", "0"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, process.isRunning {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n") {
                let status = try JSONDecoder().decode(LiveServerStatus.self, from: Data(line.utf8))
                return ServeProcess(process: process, status: status, directory: directory)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let errors = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        throw Failure(description: "chaos-run serve did not print its ready line within 20 s: \(errors)")
    }

    /// What the server wrote to standard error so far.
    var standardError: String {
        (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }

    /// Sends SIGTERM and waits at most 10 s for the process to exit (then kills it); returns its exit status.
    @discardableResult
    func stop() async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs an executable with a bound on its wall time; output goes to a file, returned with the exit status.
enum BoundedCommand {
    static func run(_ executable: String, _ arguments: [String], limit: Duration = .seconds(60)) async throws
        -> (status: Int32, output: String)
    {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("command-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (-1, "killed after \(limit): " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Whether `python3` can import `modules`.
    static func pythonHas(_ modules: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(modules)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
