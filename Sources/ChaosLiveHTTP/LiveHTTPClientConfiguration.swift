/// The settings of a `LiveHTTPClient` that are not per request (timeouts are per request).
public struct LiveHTTPClientConfiguration: Sendable, Equatable {
    /// The most distinct (connect, read-idle) timeout pairs served at once. AsyncHTTPClient fixes both timeouts per
    /// client, so the live client keeps one underlying client per pair; a request with a pair beyond this limit
    /// fails with `HTTPClientError.invalidRequest` rather than growing the cache (and its connection pools) forever.
    public var underlyingClientCountMax: Int
    /// Concurrent HTTP/1.1 connections per host and underlying client (AsyncHTTPClient's soft limit).
    public var connectionsPerHostMax: Int
    /// How long an idle keep-alive connection stays in the pool before it is closed.
    public var idleConnectionLifetime: Duration

    public init(
        underlyingClientCountMax: Int = 8, connectionsPerHostMax: Int = 8,
        idleConnectionLifetime: Duration = .seconds(60)
    ) {
        precondition(underlyingClientCountMax >= 1 && connectionsPerHostMax >= 1, "limits must be positive")
        self.underlyingClientCountMax = underlyingClientCountMax
        self.connectionsPerHostMax = connectionsPerHostMax
        self.idleConnectionLifetime = idleConnectionLifetime
    }
}
