import AsyncHTTPClient
import ChaosCore
import NIOCore
import Synchronization

/// One AsyncHTTPClient client per (connect, read-idle) timeout pair, created on first use and shut down together.
///
/// AsyncHTTPClient takes its connect and read timeouts from the client's configuration only (its per-request options
/// are internal), so exact per-request timeouts need a client per pair. Components use one or two pairs (a retry
/// policy's), so the cache stays small; its size is bounded all the same. Thread-safe.
final class UnderlyingClientCache: Sendable {
    struct Key: Hashable {
        var connect: Duration?
        var readIdle: Duration?
    }

    private enum State {
        case running([Key: AsyncHTTPClient.HTTPClient])
        case shutDown
    }

    private let configuration: LiveHTTPClientConfiguration
    private let state = Mutex<State>(.running([:]))

    init(configuration: LiveHTTPClientConfiguration) {
        self.configuration = configuration
    }

    /// The client for `timeouts`' connect and read-idle limits.
    func client(for timeouts: HTTPTimeouts) throws(ChaosCore.HTTPClientError) -> AsyncHTTPClient.HTTPClient {
        let key = Key(connect: timeouts.connect, readIdle: timeouts.readIdle)
        let result: Result<AsyncHTTPClient.HTTPClient, ChaosCore.HTTPClientError> = state.withLock { state in
            guard case var .running(clients) = state else {
                return .failure(.invalidRequest("the LiveHTTPClient has been shut down"))
            }
            if let client = clients[key] { return .success(client) }
            guard clients.count < configuration.underlyingClientCountMax else {
                return .failure(.invalidRequest(
                    "more than \(configuration.underlyingClientCountMax) distinct (connect, readIdle) timeout pairs"))
            }
            let client = AsyncHTTPClient.HTTPClient(
                eventLoopGroup: AsyncHTTPClient.HTTPClient.defaultEventLoopGroup,
                configuration: Self.underlyingConfiguration(for: key, configuration))
            clients[key] = client
            state = .running(clients)
            return .success(client)
        }
        return try result.get()
    }

    /// Shuts every client down; later requests fail with `invalidRequest`. Calling it again does nothing.
    func shutdown() async throws {
        let clients: [AsyncHTTPClient.HTTPClient] = state.withLock { state in
            guard case let .running(clients) = state else { return [] }
            state = .shutDown
            return Array(clients.values)
        }
        var firstError: (any Error)?
        for client in clients {
            do { try await client.shutdown() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    private static func underlyingConfiguration(for key: Key, _ configuration: LiveHTTPClientConfiguration)
        -> AsyncHTTPClient.HTTPClient.Configuration
    {
        // No connect limit means AsyncHTTPClient's default of 10 s otherwise; an hour is "none" in practice, since the
        // kernel abandons an unanswered SYN after about two minutes on Linux and reports that as a timeout.
        let connect = key.connect.map(TimeAmount.init) ?? .hours(1)
        var underlying = AsyncHTTPClient.HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: connect, read: key.readIdle.map(TimeAmount.init)),
            connectionPool: .init(
                idleTimeout: TimeAmount(configuration.idleConnectionLifetime),
                concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.connectionsPerHostMax),
            decompression: .disabled
        )
        // Like the simulated client: a refused connection fails the request at once. AsyncHTTPClient would otherwise
        // retry with backoff until the connect timeout and report the refusal only then; components retry themselves.
        underlying.connectionPool.retryConnectionEstablishment = false
        underlying.httpVersion = .http1Only
        return underlying
    }
}
