import ChaosCore

/// Why a cache step failed the job.
public enum CacheManagerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A command of the step exited non-zero (the shell's `set -e` ends the job there).
    case stepFailed(step: String, exitStatus: Int32, diagnostics: [String])
    /// The maintenance step's block log is not where it looked.
    case missingBlockLog(directory: String, message: String)

    public var description: String {
        switch self {
        case let .stepFailed(step, status, diagnostics):
            "\(step) exited with status \(status): \(diagnostics.last ?? "no message")"
        case let .missingBlockLog(_, message): message
        }
    }
}

extension CacheManagerError: NamedError {
    public var causeName: String {
        switch self {
        case .stepFailed: "cache_step_failed"
        case .missingBlockLog: "missing_block_log"
        }
    }
}
