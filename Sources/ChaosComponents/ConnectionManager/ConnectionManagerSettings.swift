/// The connection manager's timing and sizes, defaulting to the values of the fixed agent (its `config.ts`).
public struct ConnectionManagerSettings: Sendable, Equatable {
    /// How long a dial may take.
    public var connectTimeout: Duration = .seconds(15)
    /// How long one RPC may take, from opening its stream to the end of its response.
    public var rpcTimeout: Duration = .seconds(15)
    /// How long an unused connection stays open.
    public var connectionTTL: Duration = .seconds(60)
    /// How long `stop()` waits for calls in flight and draining connections before forcing them.
    public var stopGracePeriod: Duration = .seconds(2)
    /// How long the loser of a simultaneous dial keeps taking the streams the peer opened on it before it drains:
    /// the peer learns of the winner at most a round trip after this end, and stops opening streams on the loser.
    public var duplicateDrainDelay: Duration = .seconds(1)
    /// How long a draining connection may keep streams before it is forced.
    public var drainTimeout: Duration = .seconds(10)
    /// Lookup queries in flight (Kademlia's α).
    public var lookupConcurrency = 3
    /// Contacts a lookup returns and a bucket holds (Kademlia's k).
    public var k = 20
    /// How long a lookup waits for one peer before it counts as failed.
    public var lookupPeerTimeout: Duration = .seconds(10)
    /// How long one lookup may take in all.
    public var lookupQueryTimeout: Duration = .seconds(60)
    /// How often the background refresh looks up a random id; nil for no refresh loop.
    public var refreshInterval: Duration? = nil

    public init() {}
}
