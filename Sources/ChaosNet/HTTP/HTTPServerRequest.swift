import HTTPTypes

/// A request as a server handler sees it: the head, and the body streaming in.
public struct HTTPServerRequest: Sendable {
    public var head: HTTPRequest
    public var body: HTTPBody

    public init(head: HTTPRequest, body: HTTPBody) {
        self.head = head
        self.body = body
    }
}

/// A handler's answer. Without a Content-Length field the body is sent chunked, which also allows trailers.
public struct HTTPServerResponse: Sendable {
    public var head: HTTPResponse
    public var body: Body

    public enum Body: Sendable {
        case empty
        case bytes([UInt8])
        /// Written piece by piece by the closure, which may set trailers on the writer before returning.
        case stream(@Sendable (HTTPBodyWriter) async throws -> Void)
    }

    public init(head: HTTPResponse, body: Body = .empty) {
        self.head = head
        self.body = body
    }

    /// A response with `status` and a plain-text or JSON `body`.
    public static func text(_ status: HTTPResponse.Status, _ body: String, contentType: String = "text/plain") -> Self {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.contentLength] = String(body.utf8.count)
        return HTTPServerResponse(head: HTTPResponse(status: status, headerFields: fields), body: .bytes(Array(body.utf8)))
    }
}

/// Where a streaming response handler writes its body.
public final class HTTPBodyWriter: @unchecked Sendable {
    private let sink: (ArraySlice<UInt8>) async throws -> Void
    /// Trailer fields sent after the last chunk (chunked responses only).
    public var trailers: HTTPFields?

    init(sink: @escaping (ArraySlice<UInt8>) async throws -> Void) {
        self.sink = sink
    }

    /// Sends a piece of the body; suspends while the connection's send buffer is full.
    public func write(_ bytes: ArraySlice<UInt8>) async throws {
        guard !bytes.isEmpty else { return }
        try await sink(bytes)
    }

    public func write(_ bytes: [UInt8]) async throws {
        try await write(bytes[...])
    }
}
