/// Why writing a report directory failed, with the path and the system's reason, so the CLI can print it as is.
public struct ReportWriterError: Error, Equatable, CustomStringConvertible {
    public enum Step: String, Sendable {
        case createDirectory = "create directory"
        case encode
        case write
        case rename
    }

    public var step: Step
    public var path: String
    public var reason: String

    public init(step: Step, path: String, reason: String) {
        self.step = step
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(step.rawValue) \(path): \(reason)" }
}
