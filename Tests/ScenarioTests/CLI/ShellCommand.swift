import Foundation

/// Runs a command as a CI runner would, with standard output and error together: one line of a job's script with
/// `/bin/sh -c` (how the CI-example tests exercise ci/examples), or any executable.
enum ShellCommand {
    /// `line` with `/bin/sh -c`, in `directory`, with `environment` added to this process's.
    static func run(
        _ line: String, in directory: URL, environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        try execute("/bin/sh", ["-c", line], in: directory, environment: environment)
    }

    static func execute(
        _ executable: String, _ arguments: [String], in directory: URL?, environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
