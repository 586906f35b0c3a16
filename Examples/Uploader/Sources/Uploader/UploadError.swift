import ChaosCore

/// Why an upload failed, typed so that a caller can tell a retryable failure from a permanent one.
public struct UploadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The store answered this status.
        case status(Int)
        /// The exchange failed (`read_timeout`, `connection_reset`, …).
        case network(String)
    }

    public var name: String
    public var reason: Reason
    public var attempts: Int

    public init(name: String, reason: Reason, attempts: Int) {
        self.name = name
        self.reason = reason
        self.attempts = attempts
    }

    /// 5xx and 429 replies, and every network failure, may pass on a retry.
    public var isTransient: Bool {
        switch reason {
        case let .status(code): code >= 500 || code == 429
        case .network: true
        }
    }

    public var description: String {
        switch reason {
        case let .status(code): "upload of \(name) answered \(code) after \(attempts) attempt(s)"
        case let .network(cause): "upload of \(name) failed (\(cause)) after \(attempts) attempt(s)"
        }
    }
}

extension UploadError: NamedError {
    /// `http_503`, `read_timeout`: the same for every seed that fails the same way.
    public var causeName: String {
        switch reason {
        case let .status(code): "http_\(code)"
        case let .network(cause): cause
        }
    }
}
