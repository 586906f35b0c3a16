import AsyncHTTPClient
import ChaosCore
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps what AsyncHTTPClient and SwiftNIO throw to the `HTTPClientError` the simulated client throws for the same
/// situation, so that a component's retry decisions are the same in the simulation and in production.
///
/// What AsyncHTTPClient 1.37 threw for each situation on Linux over loopback (ChaosLiveHTTPTests checks every one):
/// a refused connect, an `IOError` with `ECONNREFUSED` (a `NIOConnectionError` holding one when the host is a name);
/// a full accept queue, its `.connectTimeout`; no byte for the read timeout, head or body, its `.readTimeout`; the
/// head's total deadline, its `.deadlineExceeded`; a close before the head, its `.remoteConnectionClosed`; a close
/// before Content-Length or the last chunk, NIO's `HTTPParserError.invalidEOFState`; an RST, head or body, an
/// `IOError` with `ECONNRESET`; bytes that are not HTTP, another `HTTPParserError` (`.invalidConstant`).
struct LiveHTTPErrorMapping {
    /// Where the exchange was when the error arrived: before the response head, or reading the body.
    enum Phase {
        case head
        case body(expected: Int?, received: Int)
    }

    let endpoint: Endpoint
    let timeouts: HTTPTimeouts
    /// When the total timeout runs out, if there is one.
    let totalDeadline: ContinuousClock.Instant?

    /// The `HTTPClientError` for `error`, or `CancellationError` when the caller's task was cancelled.
    func map(_ error: any Error, in phase: Phase) -> any Error {
        if let error = error as? ChaosCore.HTTPClientError { return error }
        if error is CancellationError { return error }
        if let total = timeouts.total, let totalDeadline, ContinuousClock.now >= totalDeadline,
           isTimeoutOrCancellation(error)
        {
            // The deadline cancels whatever was pending, and a read or connect timer may fire at the same moment:
            // the total timeout is the cause the caller asked to be told about.
            return ChaosCore.HTTPClientError.totalTimeout(total)
        }
        switch error {
        case let error as AsyncHTTPClient.HTTPClientError: return map(error, in: phase)
        case let error as IOError: return map(errno: error.errnoCode, in: phase)
        case let error as NIOConnectionError: return map(error)
        case let error as ChannelError: return map(error, in: phase)
        case let error as HTTPParserError:
            if error == .invalidEOFState { return closedEarly(in: phase) }
            return ChaosCore.HTTPClientError.malformedResponse("\(error)")
        default:
            // Nothing else is expected from an http:// exchange; not worth a retry until someone sees it.
            return ChaosCore.HTTPClientError.malformedResponse("unexpected error: \(error)")
        }
    }

    private func map(_ error: AsyncHTTPClient.HTTPClientError, in phase: Phase) -> any Error {
        switch error {
        case .connectTimeout:
            return ChaosCore.HTTPClientError.connectTimeout(host: endpoint.host, port: endpoint.port)
        case .readTimeout:
            return ChaosCore.HTTPClientError.readTimeout(idle: timeouts.readIdle ?? .zero)
        case .deadlineExceeded:
            return ChaosCore.HTTPClientError.totalTimeout(timeouts.total ?? .zero)
        case .remoteConnectionClosed:
            return closedEarly(in: phase)
        case .cancelled, .requestStreamCancelled:
            return CancellationError()
        case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .bodyLengthMismatch,
             .traceRequestWithBody, .writeAfterRequestSent:
            return ChaosCore.HTTPClientError.invalidRequest("\(error)")
        default:
            return ChaosCore.HTTPClientError.malformedResponse("\(error)")
        }
    }

    private func map(errno: Int32, in phase: Phase) -> any Error {
        switch errno {
        case ECONNREFUSED: return ChaosCore.HTTPClientError.connectionRefused(host: endpoint.host, port: endpoint.port)
        case ETIMEDOUT: return ChaosCore.HTTPClientError.connectTimeout(host: endpoint.host, port: endpoint.port)
        default: return ChaosCore.HTTPClientError.connectionReset  // ECONNRESET, EPIPE, …: the connection broke.
        }
    }

    private func map(_ error: NIOConnectionError) -> any Error {
        let errnos = error.connectionErrors.compactMap { ($0.error as? IOError)?.errnoCode }
        if errnos.contains(ECONNREFUSED) {
            return ChaosCore.HTTPClientError.connectionRefused(host: endpoint.host, port: endpoint.port)
        }
        if error.connectionErrors.contains(where: { Self.isConnectTimeout($0.error) }) {
            return ChaosCore.HTTPClientError.connectTimeout(host: endpoint.host, port: endpoint.port)
        }
        if error.connectionErrors.isEmpty {
            return ChaosCore.HTTPClientError.invalidRequest("unknown host \(error.host)")
        }
        return ChaosCore.HTTPClientError.connectionReset
    }

    private func map(_ error: ChannelError, in phase: Phase) -> any Error {
        switch error {
        case .connectTimeout: ChaosCore.HTTPClientError.connectTimeout(host: endpoint.host, port: endpoint.port)
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: closedEarly(in: phase)
        default: ChaosCore.HTTPClientError.connectionReset
        }
    }

    /// A connection that closed cleanly but too early: before the head the bytes are no response at all (as in the
    /// simulation), inside the body they are a truncated one.
    private func closedEarly(in phase: Phase) -> ChaosCore.HTTPClientError {
        switch phase {
        case .head: .malformedResponse("the connection closed before a response head")
        case let .body(expected, received): .truncatedBody(expected: expected, received: received)
        }
    }

    private func isTimeoutOrCancellation(_ error: any Error) -> Bool {
        switch error {
        case let error as AsyncHTTPClient.HTTPClientError:
            [.deadlineExceeded, .cancelled, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout]
                .contains(error)
        default: Self.isConnectTimeout(error)
        }
    }

    private static func isConnectTimeout(_ error: any Error) -> Bool {
        if case .connectTimeout = error as? ChannelError { true } else { false }
    }
}
