import Foundation
import Scenarios

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `chaos-run worker` child process: jobs go to its standard input, replies come from its standard output, and
/// its standard error goes to a temporary file that explains a crash.
final class WorkerProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let channel: LineChannel
    private let errorPath: String

    init(executable: String) throws {
        errorPath = NSTemporaryDirectory() + "chaos-run-worker-\(ProcessInfo.processInfo.processIdentifier)-"
            + UUID().uuidString + ".stderr"  // determinism: ok (a temporary file name outside any simulation)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["worker"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        channel = LineChannel(
            readingFrom: output.fileHandleForReading.fileDescriptor,
            writingTo: input.fileHandleForWriting.fileDescriptor)
    }

    /// Sends `job` and waits for its reply; nil when the worker died (or answered garbage, which counts the same).
    func perform(_ job: SweepJob) -> SweepJobResult? {
        guard channel.writeLine(WorkerCoding.encode(job)), let line = channel.readLine() else { return nil }
        return try? WorkerCoding.decode(SweepJobResult.self, from: line)
    }

    /// After `perform` returned nil: how the process ended (a cause that is the same for every seed that ends so,
    /// and a line for people) and the end of what it wrote to standard error.
    func crashReport() -> (cause: String, summary: String, detail: String) {
        forceExit()
        let status = process.terminationStatus
        let cause: String
        let summary: String
        switch process.terminationReason {
        case .uncaughtSignal:
            cause = "the worker died of signal \(status)"
            summary = "\(cause) (\(Self.signalName(status)))"
        default:
            cause = "the worker exited with status \(status) mid-seed"
            summary = cause
        }
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let tail = errors.split(separator: "\n").suffix(8).joined(separator: "\n")
        remove()
        return (cause, summary, tail.isEmpty ? summary : tail)
    }

    /// Ends the worker: closing its input makes it exit after the job in hand.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        remove()
    }

    /// Stops the worker at once (Ctrl-C).
    func stop() {
        forceExit()
        remove()
    }

    /// SIGKILL rather than `terminate()`'s SIGTERM: a worker inherits its parent's blocked signals, and test runners
    /// and CI agents often block SIGTERM, which would leave `waitUntilExit` waiting for ever.
    private func forceExit() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private func remove() {
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL, a Swift runtime trap"
        case SIGTRAP: "SIGTRAP, a Swift runtime trap"
        case SIGABRT: "SIGABRT"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    /// This program's own executable, to start workers from.
    static var executablePath: String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
