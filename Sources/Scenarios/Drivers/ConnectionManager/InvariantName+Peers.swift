extension InvariantName {
    /// `getClosestNodes` and `findNode` return under every fault, within the query timeout, and never throw.
    public static let lookupsReturn: InvariantName = "lookups_return"
    /// After `stop()` and 1.5 idle timeouts no connection end, stream, timer or background task is left.
    public static let noLeaks: InvariantName = "no_leaks"
    /// Each call ends within the connect timeout plus the RPC timeout (and a second); lock waiters stay within the
    /// callers.
    public static let boundedWaits: InvariantName = "bounded_waits"
    /// A simultaneous dial leaves one active connection, the same at both ends, within a second, and no call fails.
    public static let duplicateDialResolved: InvariantName = "duplicate_dial_resolved"
    /// No graceful close cuts a stream, and use counts never go below zero.
    public static let streamsCounted: InvariantName = "streams_counted"
    /// Every close that cut streams or refused a duplicate uses a `ConnectionCloseCode`.
    public static let typedCloseCodes: InvariantName = "typed_close_codes"
    /// A lookup keeps at most α queries in flight.
    public static let lookupConcurrency: InvariantName = "lookup_concurrency"
}
