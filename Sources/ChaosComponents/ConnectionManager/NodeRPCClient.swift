import ChaosCore
import Synchronization

/// Makes one RPC on a stream its factory opens: writes the request, finishes, reads the response, all within the
/// RPC timeout; a failure resets the stream and reaches the caller as a `ConnectionManagerError`.
///
/// The naive client is the RPC library before its fix: it starts the stream factory on its own and races it against
/// the timeout, and the factory's failure is rethrown in that background work too, where nobody awaits it, so it
/// escapes even though the caller also learns of it.
struct NodeRPCClient<C: Clock>: Sendable where C.Duration == Duration {
    let variant: ConnectionManagerVariant
    let clock: C
    let timeout: Duration
    let background: any BackgroundTaskStarter

    func call(
        _ request: NodeRPCRequest, to node: NodeID,
        streamFactory: @escaping @Sendable () async throws -> any PeerStream
    ) async throws -> NodeRPCResponse {
        let stream = try await open(streamFactory, to: node)
        do {
            let response = try await withTimeout(timeout, clock: clock) {
                try await stream.write(request.encoded()[...])
                stream.shutdownWrite()
                let bytes = try await NodeRPCStreamReader.readAll(stream, max: NodeRPCResponse.maxPayload + 5)
                return try NodeRPCResponse.decode(bytes, for: request)
            }
            stream.close()
            return response
        } catch {
            stream.reset(code: 0)
            throw Self.map(error, node: node)
        }
    }

    private func open(
        _ factory: @escaping @Sendable () async throws -> any PeerStream, to node: NodeID
    ) async throws -> any PeerStream {
        switch variant {
        case .robust:
            do {
                return try await factory()
            } catch {
                throw Self.map(error, node: node)
            }
        case .naive:
            let opening = NaiveStreamPromise()
            background.start("rpc stream factory") {
                do {
                    opening.resolve(.success(try await factory()))
                } catch {
                    opening.resolve(.failure(error))
                    throw error
                }
            }
            do {
                return try await withTimeout(timeout, clock: clock) { try await opening.value() }
            } catch {
                throw Self.map(error, node: node)
            }
        }
    }

    /// The manager's error for what an RPC's stream threw; a cancellation stays one, so that a cancelled task's end
    /// is never taken for a failure.
    static func map(_ error: any Error, node: NodeID) -> any Error {
        let mapped: ConnectionManagerError
        switch error {
        case let error as CancellationError: return error
        case let error as ConnectionManagerError: mapped = error
        case let error as PeerConnectionError: mapped = .connection(node, error)
        case is TimeoutError: mapped = .rpcTimeout(node)
        case NetworkError.readTimeout: mapped = .rpcTimeout(node)
        case let error as NetworkError:
            mapped = .connection(node, .peerClosed(isApp: false, code: 0, reason: "\(error)"))
        case let error as NodeRPCDecodingError: mapped = .badResponse(node, error.description)
        default: mapped = .badResponse(node, "\(error)")
        }
        return mapped
    }
}

/// Reads a stream to its end.
enum NodeRPCStreamReader {
    /// Everything up to the peer's FIN; more than `max` bytes is a malformed message.
    static func readAll(_ stream: any PeerStream, max: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let piece = try await stream.read(maxLength: 64 << 10, timeout: nil) {
            bytes += piece
            guard bytes.count <= max else { throw NodeRPCDecodingError.malformed("longer than \(max) bytes") }
        }
        return bytes
    }
}

/// The naive client's stream-factory result, which the factory's background work fills and the caller awaits.
final class NaiveStreamPromise: Sendable {
    private struct State {
        var result: Result<any PeerStream, any Error>?
        var waiter: CheckedContinuation<any PeerStream, any Error>?
    }

    private let state = Mutex(State())

    func resolve(_ result: Result<any PeerStream, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<any PeerStream, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    /// The factory's stream or error. The factory never waits (a stream opens at once or fails), so the caller is
    /// never left waiting on it past its timeout.
    func value() async throws -> any PeerStream {
        try await withCheckedThrowingContinuation { continuation in // determinism: ok, resumed by the factory's task
            let ready = state.withLock { state -> Result<any PeerStream, any Error>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
