import HTTPTypes

/// What components depend on to talk HTTP: the simulated client implements it here, a real client in production.
public protocol HTTPClient: Sendable {
    /// Sends `request` (its authority names the server, e.g. `registry:5001`) with an optional `body`, and returns the
    /// response as soon as its head has arrived; the body streams after. Throws `HTTPClientError`.
    func execute(_ request: HTTPRequest, body: HTTPBody?, timeouts: HTTPTimeouts) async throws -> HTTPClientResponse
}

/// The limits of one exchange. Nil means no limit.
public struct HTTPTimeouts: Sendable, Equatable {
    /// How long establishing the connection may take.
    public var connect: Duration?
    /// The longest gap between two received bytes (head or body).
    public var readIdle: Duration?
    /// The whole exchange, from the call until the body's last byte.
    public var total: Duration?

    public init(connect: Duration? = nil, readIdle: Duration? = nil, total: Duration? = nil) {
        self.connect = connect
        self.readIdle = readIdle
        self.total = total
    }
}

/// A response head plus its streaming body.
public struct HTTPClientResponse: Sendable {
    public var head: HTTPResponse
    public var body: HTTPBody

    public init(head: HTTPResponse, body: HTTPBody) {
        self.head = head
        self.body = body
    }
}
