import ChaosCore

/// What one tool run printed so far, and whether anything failed.
struct ToolRun {
    let tool: String
    private(set) var diagnostics: [String] = []
    private(set) var failed = false

    init(tool: String) {
        self.tool = tool
    }

    /// Prints `tool: message` and marks the run failed.
    mutating func report(_ message: String) {
        diagnostics.append("\(tool): \(message)")
        failed = true
    }

    /// Prints a line that is not a failure (a notice, a skipped entry).
    mutating func note(_ line: String) {
        diagnostics.append(line)
    }

    /// Reports `error` about one entry and goes on; a device error instead ends the run.
    mutating func fail(_ error: FileSystemError, _ context: String) throws(FileToolError) {
        report("\(context): \(FileToolMessages.text(of: error))")
        if FileTools.isFatal(error) { throw .device(tool: tool, error: error, diagnostics: diagnostics) }
    }

    func outcome(failureStatus: Int32) -> FileToolOutcome {
        FileToolOutcome(exitStatus: failed ? failureStatus : 0, diagnostics: diagnostics)
    }
}
