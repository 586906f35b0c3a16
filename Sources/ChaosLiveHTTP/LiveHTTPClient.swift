import AsyncHTTPClient
import ChaosCore
import HTTPTypes
import NIOCore
import NIOHTTP1

/// The production `ChaosCore.HTTPClient`: HTTP/1.1 over real TCP sockets, on AsyncHTTPClient, with the same
/// timeout semantics and the same typed errors as the simulated client, so a component behaves alike in both.
///
/// - The request's authority (`host` or `host:port`) names the server; only `http` is supported (no TLS yet).
/// - `timeouts.connect` bounds establishing a connection, `timeouts.readIdle` the longest gap between received
///   bytes (head or body), `timeouts.total` the whole exchange including the body: reading a body past the total
///   deadline throws `HTTPClientError.totalTimeout`. `execute` returns as soon as the head has arrived.
/// - One difference from the simulated client: AsyncHTTPClient's read timer also runs while the caller is not
///   reading (it stops reading the socket when its small buffer is full), so a consumer that pauses longer than
///   `readIdle` between two chunks gets `.readTimeout` even from a fast server. Keep `readIdle` well above the
///   consumer's longest pause (the components' policies use 30 s).
/// - AsyncHTTPClient acts on the head's total deadline, and streams a request body, from unstructured tasks on the
///   global concurrency pool: a process that keeps that pool busy (CPU-bound work that never suspends) delays both.
///   The body's total deadline is this client's own timer and resumes on the reading task's executor.
/// - Keep-alive connections are pooled and reused, per (connect, read-idle) pair (see
///   `LiveHTTPClientConfiguration.underlyingClientCountMax`). Redirects are returned, not followed.
/// - Request trailers are not sent (AsyncHTTPClient's stable API cannot); response trailers are reported.
///
/// Lifecycle: call `shutdown()` once no request is in flight, before the client is released. A client released
/// without it never closes its pooled connections, and AsyncHTTPClient traps in debug builds
/// ("Client not shut down before the deinit"); release builds leak the connections.
///
/// Thread-safe: any number of tasks may call `execute` at once.
public final class LiveHTTPClient: ChaosCore.HTTPClient {
    public let configuration: LiveHTTPClientConfiguration
    private let clients: UnderlyingClientCache

    /// A client that opens connections on first use, on AsyncHTTPClient's shared event loop group.
    public init(configuration: LiveHTTPClientConfiguration = LiveHTTPClientConfiguration()) {
        self.configuration = configuration
        self.clients = UnderlyingClientCache(configuration: configuration)
    }

    /// Sends `request` with an optional streamed `body` and returns the response once its head has arrived; the
    /// body streams after. Throws `HTTPClientError` (or `CancellationError` when the calling task is cancelled).
    public func execute(_ request: HTTPRequest, body: HTTPBody?, timeouts: HTTPTimeouts) async throws
        -> ChaosCore.HTTPClientResponse
    {
        let totalDeadline = timeouts.total.map { ContinuousClock.now.advanced(by: $0) }
        let endpoint = try Endpoint(authority: request.authority)
        if let scheme = request.scheme, scheme != "http" {
            throw ChaosCore.HTTPClientError.invalidRequest("scheme \(scheme) is not supported; only http")
        }
        let mapping = LiveHTTPErrorMapping(endpoint: endpoint, timeouts: timeouts, totalDeadline: totalDeadline)
        let client = try clients.client(for: timeouts)
        let underlyingRequest = Self.underlyingRequest(request, body: body)
        let deadline = timeouts.total.map { NIODeadline.now() + TimeAmount($0) } ?? .distantFuture
        let response: AsyncHTTPClient.HTTPClientResponse
        do {
            response = try await client.execute(underlyingRequest, deadline: deadline)
        } catch {
            throw mapping.map(error, in: .head)
        }
        if let total = timeouts.total, let totalDeadline, ContinuousClock.now >= totalDeadline {
            // AsyncHTTPClient's deadline task ran late (see above) and the head won the race: it is still too late.
            throw ChaosCore.HTTPClientError.totalTimeout(total)
        }
        guard let fields = HTTPFields(response.headers) else {
            throw ChaosCore.HTTPClientError.malformedResponse("invalid header field name")
        }
        let status = HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase)
        let expectedLength = response.headers.first(name: "content-length").flatMap { Int($0) }
        let reader = LiveResponseBodyReader(body: response.body, mapping: mapping, expectedLength: expectedLength)
        return ChaosCore.HTTPClientResponse(
            head: HTTPResponse(status: status, headerFields: fields), body: HTTPBody(producingWith: reader.next(into:)))
    }

    /// Closes every pooled connection and stops the client; requests after it fail with `invalidRequest`. Call it
    /// once no request is in flight (one still running is cancelled). Calling it again does nothing.
    public func shutdown() async throws {
        try await clients.shutdown()
    }

    private static func underlyingRequest(_ request: HTTPRequest, body: HTTPBody?)
        -> AsyncHTTPClient.HTTPClientRequest
    {
        let url = "http://\(request.authority ?? "")\(request.path ?? "/")"
        var underlying = AsyncHTTPClient.HTTPClientRequest(url: url)
        underlying.method = HTTPMethod(rawValue: request.method.rawValue)
        underlying.headers = HTTPHeaders(request.headerFields)
        guard let body else { return underlying }
        // AsyncHTTPClient writes the framing headers itself from the body's length: a Content-Length the caller set
        // becomes a fixed-length body, no Content-Length a chunked one (as in the simulated client).
        let length = request.headerFields[.contentLength].flatMap { Int64($0) }
        underlying.body = .stream(RequestBodyBuffers(body: body), length: length.map { .known($0) } ?? .unknown)
        return underlying
    }
}
