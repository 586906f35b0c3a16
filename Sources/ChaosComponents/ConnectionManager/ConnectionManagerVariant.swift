/// The connection manager's variants.
public enum ConnectionManagerVariant: String, CaseIterable, Sendable {
    /// The code before the fix: inbound-connection and inbound-stream handlers run in the background and rethrow
    /// (an inbound connection while stopping throws "not running"); the RPC client starts its stream factory in the
    /// background and rethrows its failure there, where nobody awaits it; the connection-error check misses the
    /// peer's and our own closes, an idle timeout and a reset stream, so lookups and the graph sync rethrow them;
    /// both sides refuse a duplicate connection with the literal code 42; releasing after an error force-destroys a
    /// connection others share; the TTL ignores inbound streams; the lookup's `contacted` set never fills.
    case naive
    /// The fix: handlers catch and log; the lower shared id wins a simultaneous dial and the loser drains without
    /// force; every error is mapped, so `getClosestNodes` and `findNode` never throw and return partial results;
    /// closes use `ConnectionCloseCode`; release never destroys; the TTL counts inbound streams and closes gracefully;
    /// the lookup keeps α queries in flight with a deadline per peer and per query.
    case robust
}
