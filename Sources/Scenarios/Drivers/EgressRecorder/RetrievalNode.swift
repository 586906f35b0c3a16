import ChaosComponents
import ChaosCore
import ChaosNet
import HTTPTypes

/// The retrieval node of an egress world: an HTTP server at `node:8080` that asks the recorder before each body
/// (`GET /piece/<digest>?inv=…&space=…&size=…&receipt=…`, with an optional `Range`) and serves rotated batches to
/// the tracker (`GET /receipts/<cid>`). The server cancels each request's scope once its response is complete, or
/// as soon as the client is gone.
///
/// The node's process comes and goes with the power: `start(recorder:)` after each boot, `kill()` at a power loss
/// (its background work is cancelled, and responses in progress are cut).
///
/// Not thread-safe: use on the simulation's thread.
final class RetrievalNode: @unchecked Sendable {
    static let host = "node"
    static let port = 8080
    static var publicURL: String { "http://\(host):\(port)" }

    private(set) var ledger = EgressLedger()
    private(set) var recorder: EgressRecorder<SimClock>?
    /// The process's background work, cancelled when it dies.
    private(set) var tasks: SimBackgroundTasks?
    /// Boots so far: a response started by an earlier process stops at its next piece.
    private var lifetime = 0
    private var server: SimHTTPServer?
    private static let zeros = [UInt8](repeating: 0, count: 64 << 10)

    init(network: SimNetwork) throws {
        server = try SimHTTPServer(network: network, host: Self.host, port: Self.port) { [unowned self] request in
            try await self.handle(request)
        }
    }

    func listen() { server?.start() }
    func stopListening() { server?.stop() }

    func start(recorder: EgressRecorder<SimClock>, tasks: SimBackgroundTasks) {
        lifetime += 1
        self.recorder = recorder
        self.tasks = tasks
    }

    /// The process dies: nothing it started goes on.
    func kill() {
        lifetime += 1
        recorder = nil
        tasks?.cancelAll()
        tasks = nil
    }

    /// Counts what the recorder reported.
    func note(_ event: EgressEvent) {
        switch event {
        case let .receiptFailed(invocation, operation, error, cancelled, afterResponse):
            if cancelled, afterResponse {
                ledger.cancelledAfterResponse.append("\(operation) of \(invocation)")
            } else {
                let kind = cancelled ? "cancelled" : Self.errorKind(error)
                ledger.receiptFailures["\(operation): \(kind)", default: 0] += 1
            }
        case let .rotated(batch, _): ledger.rotated.insert(batch)
        case let .trackFailed(batch, _, _, dropped): if dropped { ledger.dropped.insert(batch) }
        case let .trackEnqueueFailed(batch, _, _): ledger.neverEnqueued.insert(batch)
        case let .reported(batch, attempts): ledger.reported[batch] = attempts
        case .writerStopped: ledger.writerStops += 1
        case .recovered: ledger.recoveries += 1
        case let .rotationFailed(step, _): ledger.rotationFailures[step, default: 0] += 1
        case .refused: break
        }
    }

    /// The first word of an error's description (`noSpace`, `ioError`): a stable label for the figures.
    static func errorKind(_ error: String) -> String {
        String(error.prefix { $0.isLetter || $0 == "_" })
    }

    private func handle(_ request: HTTPServerRequest) async throws -> HTTPServerResponse {
        // A node with no process answers nothing: the connection is reset.
        guard let recorder else { throw NetworkError.connectionReset }
        let path = request.head.path ?? "/"
        if path.hasPrefix("/receipts/") {
            guard let bytes = await recorder.batch(String(path.dropFirst("/receipts/".count))) else {
                return .text(.notFound, "no such batch\n")
            }
            return HTTPServerResponse(head: HTTPResponse(status: .ok), body: .bytes(bytes))
        }
        guard path.hasPrefix("/piece/"), let retrieval = Self.retrieval(path: path, range: request.head) else {
            return .text(.badRequest, "expected GET /piece/<digest>?inv=&space=&size=&receipt=\n")
        }
        let scope = RequestScope()
        switch await recorder.record(retrieval, scope: scope) {
        case let .refuse(reason, retryAfter):
            scope.cancel()
            ledger.refused[reason, default: 0] += 1
            var response = HTTPServerResponse.text(
                .serviceUnavailable, "{\"error\":\"\(reason)\"}\n", contentType: "application/json")
            response.head.headerFields[.retryAfter] = String(retryAfter)
            return response
        case .serve:
            return respond(with: retrieval, scope: scope)
        }
    }

    /// The body, in pieces, from a process that may die before it is done.
    private func respond(with retrieval: Retrieval, scope: RequestScope) -> HTTPServerResponse {
        var fields = HTTPFields()
        fields[.contentLength] = String(retrieval.length)
        let status: HTTPResponse.Status = retrieval.offset > 0 ? .partialContent : .ok
        let born = lifetime
        let invocation = retrieval.invocationID
        return HTTPServerResponse(head: HTTPResponse(status: status, headerFields: fields), body: .stream {
            [unowned self] writer in
            defer { scope.cancel() }
            var sent = 0
            while sent < retrieval.length {
                guard lifetime == born else { throw NetworkError.connectionReset }
                let count = min(Self.zeros.count, retrieval.length - sent)
                try await writer.write(Self.zeros[..<count])
                if sent == 0 { ledger.bodySent.insert(invocation) }
                sent += count
            }
            ledger.completed.insert(invocation)
        })
    }

    /// The retrieval a `/piece/` request asks for: the query names the invocation, the space, the piece's size and
    /// the receipt's; a `Range: bytes=a-b` header picks part of the piece.
    static func retrieval(path: String, range head: HTTPRequest) -> Retrieval? {
        guard let query = PieceQuery(path: path) else { return nil }
        let size = query.size
        var offset = 0
        var length = size
        if let range = head.headerFields[.range], range.hasPrefix("bytes=") {
            let bounds = range.dropFirst("bytes=".count).split(separator: "-")
            guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first <= last,
                  last < size
            else { return nil }
            offset = first
            length = last - first + 1
        }
        return Retrieval(
            invocationID: query.invocation, space: query.space, digest: query.digest, offset: offset,
            length: length, receiptSize: query.receiptSize)
    }
}
