import ChaosCore
import ChaosIPFS

/// Why a robust download failed, typed so that callers can tell a retryable failure from a permanent one.
public struct DownloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Whether a later retry may succeed.
    public enum Kind: String, Sendable, Equatable {
        /// The network, the registry or the disk failed in a way that can pass (timeouts, resets, truncation, 5xx).
        case transient
        /// Retrying cannot help (unknown or invalid CID, unsafe archive, content that does not match its CID).
        case hard
    }

    /// What went wrong, as a stable short name (used in logs and failure signatures).
    public enum Reason: String, Sendable, Equatable {
        case network
        case httpStatus
        case streamError
        case truncatedArchive
        case invalidArchive
        case unsafePath
        case cidMismatch
        case invalidCID
        case fileSystem

        /// `file_system`, `http_status`: the name as failure signatures spell causes.
        public var snakeCaseName: String {
            rawValue.reduce(into: "") { name, character in
                if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
            }
        }
    }

    public var kind: Kind
    public var reason: Reason
    /// A human-readable account of the failure.
    public var details: String
    /// The HTTP status when the failure was a status reply.
    public var status: Int?
    /// The attempts made before giving up.
    public var attemptCount: Int
    /// The underlying failure as a stable short name (`read_timeout`, `connection_reset`, `http_503`, …): finer than
    /// `reason`, for logs and failure signatures.
    public var cause: String
    /// The wait a 429 or 503 reply asked for.
    public var retryAfter: Duration?

    public init(
        kind: Kind, reason: Reason, details: String, status: Int? = nil, attemptCount: Int = 1, cause: String? = nil
    ) {
        self.cause = cause ?? status.map { "http_\($0)" } ?? reason.snakeCaseName
        self.kind = kind
        self.reason = reason
        self.details = details
        self.status = status
        self.attemptCount = attemptCount
    }

    public var isTransient: Bool { kind == .transient }

    public var description: String {
        "\(kind.rawValue) \(reason.rawValue) after \(attemptCount) attempt(s): \(details)"
    }
}

extension DownloadError: NamedError {
    public var causeName: String { cause }
}
