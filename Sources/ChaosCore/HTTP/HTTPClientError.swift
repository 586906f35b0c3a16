/// Why an HTTP exchange failed, typed so that a caller can tell transient failures (worth a retry) from hard ones.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    case connectTimeout(host: String, port: Int)
    /// No byte arrived for the read-idle timeout.
    case readTimeout(idle: Duration)
    /// The whole exchange exceeded the total timeout.
    case totalTimeout(Duration)
    case connectionRefused(host: String, port: Int)
    case connectionReset
    /// The connection ended before the body did: `expected` is the Content-Length when there was one.
    case truncatedBody(expected: Int?, received: Int)
    /// The bytes received are not a valid HTTP/1.1 response.
    case malformedResponse(String)
    /// A body exceeded the caller's size limit.
    case tooLarge(limit: Int)
    /// The request cannot be sent (bad authority, unknown host, …).
    case invalidRequest(String)

    /// Whether a retry may succeed: timeouts, refusals, resets and truncation are transient; malformed responses,
    /// oversized bodies and invalid requests are not.
    public var isTransient: Bool {
        switch self {
        case .connectTimeout, .readTimeout, .totalTimeout, .connectionRefused, .connectionReset, .truncatedBody: true
        case .malformedResponse, .tooLarge, .invalidRequest: false
        }
    }

    /// The case as a stable short name (`read_timeout`, `connection_reset`, …), for logs and failure signatures.
    public var name: String {
        switch self {
        case .connectTimeout: "connect_timeout"
        case .readTimeout: "read_timeout"
        case .totalTimeout: "total_timeout"
        case .connectionRefused: "connection_refused"
        case .connectionReset: "connection_reset"
        case .truncatedBody: "truncated_body"
        case .malformedResponse: "malformed_response"
        case .tooLarge: "too_large"
        case .invalidRequest: "invalid_request"
        }
    }

    public var description: String {
        switch self {
        case let .connectTimeout(host, port): "connect to \(host):\(port) timed out"
        case let .readTimeout(idle): "no data for \(idle.formattedSeconds) (read timeout)"
        case let .totalTimeout(total): "request exceeded its total timeout of \(total.formattedSeconds)"
        case let .connectionRefused(host, port): "connection refused by \(host):\(port)"
        case .connectionReset: "connection reset by peer"
        case let .truncatedBody(expected, received):
            "body truncated after \(received) bytes" + (expected.map { " of \($0)" } ?? " (chunked, no final chunk)")
        case let .malformedResponse(reason): "malformed response: \(reason)"
        case let .tooLarge(limit): "body larger than the limit of \(limit) bytes"
        case let .invalidRequest(reason): "invalid request: \(reason)"
        }
    }
}

extension HTTPClientError: NamedError {
    public var causeName: String { name }
}
