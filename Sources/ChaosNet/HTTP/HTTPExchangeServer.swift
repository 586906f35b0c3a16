import HTTPTypes
import NIOCore
import NIOHTTP1

/// The HTTP/1.1 exchange loop of one service, whatever carries its bytes: requests parsed by NIO's decoder, the
/// handler called, and the response written with the HTTP-level faults the plan aims at the service (status codes,
/// slow headers, stalled, truncated or aborted bodies). `SimHTTPServer` runs it on simulated connections, live mode
/// on real sockets, so a fault does the same thing to the same bytes in both.
///
/// Not thread-safe: use on one thread (the simulation's, or live mode's serial executor).
public final class HTTPExchangeServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPServerRequest) async throws -> HTTPServerResponse

    /// The service's address as the fault plan's targets name it.
    public let endpoint: Endpoint
    private let faultPlan: FaultPlan
    private let runtime: any HTTPServerRuntime
    private let handler: Handler
    /// Requests handled so far.
    public private(set) var requestCount = 0

    public init(endpoint: Endpoint, faultPlan: FaultPlan, runtime: any HTTPServerRuntime, handler: @escaping Handler) {
        self.endpoint = endpoint
        self.faultPlan = faultPlan
        self.runtime = runtime
        self.handler = handler
    }

    /// Serves requests on `connection` until the peer closes it, a response ends it, or an exchange breaks; the
    /// connection is closed (or reset, for a broken exchange) on return.
    public func serve(_ connection: any HTTPServerConnection) async {
        let reader = HTTPPartReader(connection: connection, codec: HTTPWireCodec.server())
        do {
            while let part = try await reader.next(deadline: nil) {
                guard case let .head(head) = part else { break }
                let request = HTTPServerRequest(head: try HTTPRequest(head), body: requestBody(reader))
                requestCount += 1
                // One plan per response, decided before the handler runs: what the faults do to this exchange.
                let plan = faultPlan.responsePlan(for: endpoint)
                let response = try await respond(to: request, plan: plan)
                // Whatever the handler left unread of the request body is consumed, so the next request parses.
                try await request.body.discard()
                let keepAlive = head.isKeepAlive && !response.head.headerFields.contains(where: isConnectionClose)
                let outcome = try await write(response, plan: plan, on: connection, method: head.method)
                guard outcome == .complete, keepAlive else { break }
            }
            connection.close()
        } catch {
            // A broken exchange (reset, malformed request, failing handler) ends the connection abruptly.
            runtime.trace("http", "\(endpoint) conn#\(connection.id): \(error)")
            connection.reset()
        }
    }

    private func isConnectionClose(_ field: HTTPField) -> Bool {
        field.name == .connection && field.value.lowercased() == "close"
    }

    private func requestBody(_ reader: HTTPPartReader<HTTPServerRequestPart, HTTPServerResponsePart>) -> HTTPBody {
        var ended = false
        return HTTPBody(producingWith: { body in
            guard !ended else { return nil }
            while let part = try await reader.next(deadline: nil) {
                switch part {
                case let .body(buffer):
                    return ArraySlice(buffer.readableBytesView)
                case let .end(trailers):
                    ended = true
                    body.trailers = trailers.map(HTTPFields.init)
                    return nil
                case .head:
                    throw HTTPClientError.malformedResponse("a request head inside a request body")
                }
            }
            throw NetworkError.connectionClosed
        })
    }

    // MARK: - Faults and writing

    private func respond(to request: HTTPServerRequest, plan: ResponsePlan) async throws -> HTTPServerResponse {
        guard let (fault, code, retryAfter) = plan.status else { return try await handler(request) }
        trace(fault, "answers \(request.head.method) \(request.head.path ?? "/") with \(code)")
        var response = HTTPServerResponse.text(
            HTTPResponse.Status(code: code),
            "{\"Message\":\"injected by fault \(fault.name)\",\"Code\":0,\"Type\":\"error\"}\n",
            contentType: "application/json"
        )
        if let retryAfter {
            response.head.headerFields[.retryAfter] = String(max(0, retryAfter.components.seconds))
        }
        return response
    }

    private enum WriteOutcome { case complete, cut }

    private func write(
        _ response: HTTPServerResponse, plan: ResponsePlan, on connection: any HTTPServerConnection,
        method: NIOHTTP1.HTTPMethod
    ) async throws -> WriteOutcome {
        let cut = plan.cut
        let stall = plan.stall
        for (fault, delay) in plan.headDelays {
            trace(fault, "delays the response head by \(delay.formattedSeconds)")
            try await runtime.sleep(for: delay, on: connection)
        }
        var head = response.head
        var chunked = head.headerFields.firstValue(.contentLength) == nil
        if chunked, case let .bytes(bytes) = response.body {
            head.headerFields[.contentLength] = String(bytes.count)
            chunked = false
        }
        if chunked, case .empty = response.body {
            head.headerFields[.contentLength] = "0"
            chunked = false
        }
        // Responses to HEAD, and 1xx, 204 and 304 responses, never carry a body.
        let bodyless = method == .HEAD || head.status.code < 200 || head.status.code == 204 || head.status.code == 304
        let chunkedFraming = chunked && !bodyless
        var headBytes = HTTPSerializer.head(head, chunked: chunkedFraming)
        // A small, unfaulted, fixed-length response goes out as one write: head and body together.
        if !chunked, plan.leavesBodyAlone, case let .bytes(bytes) = response.body, bytes.count <= 16 << 10 {
            if !bodyless { headBytes.append(contentsOf: bytes) }
            try await connection.write(headBytes[...])
            return .complete
        }
        try await connection.write(headBytes[...])

        var sent = 0
        var stalled = false
        var cutDone = false
        let sink: (ArraySlice<UInt8>) async throws -> Void = { [self] bytes in
            guard !cutDone else { throw NetworkError.connectionClosed }
            var bytes = bytes
            if let stallPlan = stall, !stalled, sent + bytes.count > stallPlan.afterBytes {
                let before = bytes.prefix(max(0, stallPlan.afterBytes - sent))
                if !before.isEmpty { try await writeBody(before, chunked: chunked, on: connection) }
                sent += before.count
                bytes = bytes.dropFirst(before.count)
                stalled = true
                trace(stallPlan.fault, "stalls the body after \(sent) bytes")
                if let duration = stallPlan.duration {
                    try await runtime.sleep(for: duration, on: connection)
                } else {
                    try await runtime.holdIndefinitely(connection, fault: stallPlan.fault.name)
                }
            }
            if let (fault, kind) = cut {
                switch kind {
                case let .truncate(after), let .abortMidChunk(after):
                    if sent + bytes.count > after {
                        let keep = max(0, after - sent)
                        if chunked, case .abortMidChunk = kind {
                            // The chunk header announces the whole piece; only part of it follows.
                            try await connection.write(HTTPSerializer.chunkHeader(bytes.count)[...])
                            try await connection.write(bytes.prefix(keep))
                        } else if keep > 0 {
                            try await writeBody(bytes.prefix(keep), chunked: chunked, on: connection)
                        }
                        sent += keep
                        trace(fault, "cuts the body after \(sent) bytes")
                        cutDone = true
                        throw NetworkError.connectionClosed
                    }
                case let .closeBetweenChunks(after):
                    if sent >= after {
                        trace(fault, "closes between chunks after \(sent) bytes, without the last chunk")
                        cutDone = true
                        throw NetworkError.connectionClosed
                    }
                }
            }
            try await writeBody(bytes, chunked: chunked, on: connection)
            sent += bytes.count
        }
        let writer = HTTPBodyWriter(sink: sink)
        do {
            switch response.body {
            case _ where bodyless: break  // A HEAD response announces a body it never sends.
            case .empty: break
            case let .bytes(bytes): try await writer.write(bytes)
            case let .stream(produce): try await produce(writer)
            }
            if case let .closeBetweenChunks(after)? = cut?.kind, sent >= after, let fault = cut?.fault {
                trace(fault, "closes between chunks after \(sent) bytes, without the last chunk")
                cutDone = true
            }
        } catch NetworkError.connectionClosed where cutDone {
            // The fault ended the body; fall through to close the connection.
        }
        if cutDone {
            connection.close()
            return .cut
        }
        if chunkedFraming { try await connection.write(HTTPSerializer.lastChunk(trailers: writer.trailers)[...]) }
        return .complete
    }

    private func writeBody(
        _ bytes: ArraySlice<UInt8>, chunked: Bool, on connection: any HTTPServerConnection
    ) async throws {
        guard chunked else {
            try await connection.write(bytes)
            return
        }
        // Three writes, no copy of the data: the network moves the slice itself.
        try await connection.write(HTTPSerializer.chunkHeader(bytes.count)[...])
        try await connection.write(bytes)
        try await connection.write(HTTPSerializer.chunkTrailer[...])
    }

    private func trace(_ fault: Fault, _ message: String) {
        faultPlan.traceResponseFiring(fault, on: endpoint, message)
    }
}
