import HTTPTypes
import NIOCore
import NIOHTTP1

/// An HTTP/1.1 client on the simulated network, with keep-alive connection reuse and connect, read-idle and total
/// timeouts. Errors are `HTTPClientError`s, each produced by the network condition that causes it.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimHTTPClient: HTTPClient, @unchecked Sendable {
    private let network: SimNetwork
    /// The host this client runs on.
    public let host: String
    private var idleConnections: [Endpoint: [ClientConnection]] = [:]
    /// Connections opened so far (reuse keeps this low), for tests and reports.
    public private(set) var connectionsOpened = 0

    final class ClientConnection {
        let connection: SimConnection
        let reader: HTTPPartReader<HTTPClientResponsePart, HTTPClientRequestPart>

        init(connection: SimConnection) {
            self.connection = connection
            self.reader = HTTPPartReader(connection: connection, codec: .client())
        }
    }

    public init(network: SimNetwork, host: String) {
        self.network = network
        self.host = host
    }

    public func execute(_ request: HTTPRequest, body: HTTPBody?, timeouts: HTTPTimeouts) async throws
        -> HTTPClientResponse
    {
        let clock = network.simulation.clock
        let start = clock.now
        let totalDeadline = timeouts.total.map { start.advanced(by: $0) }
        let endpoint = try endpoint(of: request)
        let client = try await connection(to: endpoint, timeouts: timeouts, totalDeadline: totalDeadline)
        let deadlines = Deadlines(
            clock: clock, readIdle: timeouts.readIdle, total: totalDeadline, totalLimit: timeouts.total)
        do {
            try await send(request, body: body, on: client)
            let head = try await readHead(client, deadlines: deadlines)
            let expectedLength = head.headerFields.firstValue(.contentLength).flatMap(Int.init)
            let nextPiece = { [self] (body: HTTPBody) in
                try await self.nextBodyPiece(
                    client, body: body, endpoint: endpoint, deadlines: deadlines, expectedLength: expectedLength)
            }
            let responseBody = HTTPBody(
                producingWith: { try await nextPiece($0).map { ArraySlice($0.readableBytesView) } },
                skippingWith: { try await nextPiece($0)?.readableBytes })
            responseBody.announcedLength = expectedLength
            return HTTPClientResponse(head: head, body: responseBody)
        } catch {
            client.connection.close()
            throw Self.classify(error, expectedLength: nil, received: 0, deadlines: deadlines)
        }
    }

    // MARK: - Connections

    /// Parsed authorities: clients talk to few servers, and parsing allocates.
    private var endpoints: [String: Endpoint] = [:]

    private func endpoint(of request: HTTPRequest) throws -> Endpoint {
        if let authority = request.authority, let endpoint = endpoints[authority] { return endpoint }
        let endpoint = try Endpoint(authority: request.authority)
        endpoints[request.authority!] = endpoint
        return endpoint
    }

    private func connection(to endpoint: Endpoint, timeouts: HTTPTimeouts, totalDeadline: SimClock.Instant?)
        async throws -> ClientConnection
    {
        while let idle = idleConnections[endpoint]?.popLast() {
            // A connection the server closed or reset while idle is useless; a real client would notice on reuse.
            if !idle.connection.isReset, !idle.reader.reachedEndOfStream { return idle }
        }
        var connectTimeout = timeouts.connect
        if let totalDeadline {
            let remaining = network.simulation.now.duration(to: totalDeadline)
            connectTimeout = min(connectTimeout ?? remaining, remaining)
        }
        do {
            let connection = try await network.connect(
                from: host, to: endpoint.host, port: endpoint.port, timeout: connectTimeout
            )
            connectionsOpened += 1
            return ClientConnection(connection: connection)
        } catch let error as NetworkError {
            switch error {
            case .connectTimeout:
                if let totalDeadline, network.simulation.now >= totalDeadline, let total = timeouts.total {
                    throw HTTPClientError.totalTimeout(total)
                }
                throw HTTPClientError.connectTimeout(host: endpoint.host, port: endpoint.port)
            case .connectionRefused: throw HTTPClientError.connectionRefused(host: endpoint.host, port: endpoint.port)
            case .unknownHost(let name): throw HTTPClientError.invalidRequest("unknown host \(name)")
            default: throw HTTPClientError.connectionReset
            }
        }
    }

    // MARK: - Exchange

    private func send(_ request: HTTPRequest, body: HTTPBody?, on client: ClientConnection) async throws {
        var request = request
        if body == nil, request.headerFields.firstValue(.contentLength) == nil,
           [.post, .put, .patch].contains(request.method)
        {
            request.headerFields[.contentLength] = "0"
        }
        let chunked = body != nil && request.headerFields.firstValue(.contentLength) == nil
        try client.reader.codec.observe(method: request.method)
        try await client.connection.write(HTTPSerializer.head(request, chunked: chunked)[...])
        guard let body else { return }
        while let chunk = try await body.next() {
            if chunked { try await client.connection.write(HTTPSerializer.chunkHeader(chunk.count)[...]) }
            try await client.connection.write(chunk)
            if chunked { try await client.connection.write(HTTPSerializer.chunkTrailer[...]) }
        }
        if chunked { try await client.connection.write(HTTPSerializer.lastChunk(trailers: body.trailers)[...]) }
    }

    private func readHead(_ client: ClientConnection, deadlines: Deadlines) async throws -> HTTPResponse {
        while true {
            guard let part = try await client.reader.next(deadline: deadlines.next()) else {
                throw HTTPClientError.malformedResponse("the connection closed before a response head")
            }
            guard case let .head(head) = part else {
                throw HTTPClientError.malformedResponse("body data before the response head")
            }
            // Informational responses (100 Continue, 103 Early Hints) precede the real one.
            if (100..<200).contains(head.status.code), head.status.code != 101 { continue }
            return HTTPResponse(head)
        }
    }

    /// The next piece of the body as the decoder left it (the caller copies it out, or only counts it).
    private func nextBodyPiece(_ client: ClientConnection, body: HTTPBody, endpoint: Endpoint, deadlines: Deadlines,
                               expectedLength: Int?) async throws -> ByteBuffer?
    {
        do {
            guard let part = try await client.reader.next(deadline: deadlines.next()) else {
                throw HTTPClientError.truncatedBody(expected: expectedLength, received: body.bytesRead)
            }
            switch part {
            case let .body(buffer):
                return buffer
            case let .end(trailers):
                body.trailers = trailers.map(HTTPFields.init)
                if client.reader.reachedEndOfStream || client.connection.isReset {
                    client.connection.close()
                } else {
                    idleConnections[endpoint, default: []].append(client)
                }
                return nil
            case .head:
                throw HTTPClientError.malformedResponse("a second response head inside a body")
            }
        } catch {
            client.connection.close()
            throw Self.classify(error, expectedLength: expectedLength, received: body.bytesRead,
                                deadlines: deadlines)
        }
    }

    /// Maps network and parser errors to `HTTPClientError`s.
    private static func classify(_ error: any Error, expectedLength: Int?, received: Int, deadlines: Deadlines)
        -> any Error
    {
        switch error {
        case let error as HTTPClientError:
            return error
        case let error as NetworkError:
            switch error {
            case .readTimeout:
                if deadlines.totalExpired, let total = deadlines.totalLimit {
                    return HTTPClientError.totalTimeout(total)
                }
                return HTTPClientError.readTimeout(idle: deadlines.readIdle ?? .zero)
            case .connectionReset, .connectionClosed:
                return HTTPClientError.connectionReset
            default:
                return HTTPClientError.malformedResponse("\(error)")
            }
        case let error as HTTPParserError:
            if error == .invalidEOFState {
                return HTTPClientError.truncatedBody(expected: expectedLength, received: received)
            }
            return HTTPClientError.malformedResponse("\(error)")
        default:
            return error
        }
    }

    /// The deadline of each read: the read-idle timeout from now, capped by the total deadline.
    struct Deadlines {
        let clock: SimClock
        let readIdle: Duration?
        let total: SimClock.Instant?
        let totalLimit: Duration?

        func next() -> SimClock.Instant? {
            let idle = readIdle.map { clock.now.advanced(by: $0) }
            switch (idle, total) {
            case let (idle?, total?): return min(idle, total)
            case let (idle?, nil): return idle
            case let (nil, total?): return total
            case (nil, nil): return nil
            }
        }

        var totalExpired: Bool { total.map { clock.now >= $0 } ?? false }
    }
}
