import ChaosCore

/// Why a tool run stopped before its end.
public enum FileToolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The device failed under the tool (no space, I/O error, read-only): the run ends there, as a real tool's
    /// does when every further write would fail; `diagnostics` holds what it printed up to then.
    case device(tool: String, error: FileSystemError, diagnostics: [String])
    /// The task running the tool was cancelled (the job was killed): whatever the tool had done stays done.
    case killed
    /// The command line itself is wrong: an unparsable mode, a missing operand.
    case usage(tool: String, message: String)

    public var description: String {
        switch self {
        case let .device(tool, error, _): "\(tool): \(FileToolMessages.text(of: error)): \(error.path ?? "")"
        case .killed: "killed"
        case let .usage(tool, message): "\(tool): \(message)"
        }
    }
}

extension FileToolError: NamedError {
    public var causeName: String {
        switch self {
        case .device: "file_tool_device"
        case .killed: "file_tool_killed"
        case .usage: "file_tool_usage"
        }
    }
}
