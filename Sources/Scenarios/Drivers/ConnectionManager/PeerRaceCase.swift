/// The races of the connection-manager incident, one script each (`PeerRaceScripts`); a seed of a race scenario
/// plays one, drawn from the file's list.
public enum PeerRaceCase: String, CaseIterable, Sendable {
    /// Both nodes dial each other at once, then call each other.
    case simultaneousDial = "simultaneous_dial"
    /// The seed closes every inbound connection with 42 while a node syncs its graph from it.
    case rejectInbound = "reject_inbound"
    /// A peer's process dies silently while a call to it and one from it are in flight.
    case silentCrash = "silent_crash"
    /// The peer aborts the connection as a call opens its stream.
    case abortDuringStreamOpen = "abort_during_stream_open"
    /// A peer dials a node while the node stops.
    case inboundDuringStop = "inbound_during_stop"
    /// The connection's TTL runs out while the peer's calls keep it busy.
    case ttlDuringInboundStream = "ttl_during_inbound_stream"
    /// A lookup whose peers each fail at their own phase: before connecting, on connecting, mid-response, after.
    case lookupPhaseFailures = "lookup_phase_failures"
    /// A node stops with a lookup and a call in flight.
    case stopInFlight = "stop_in_flight"
    /// A simultaneous dial whose losing connection carries a long call, then the peer stops.
    case drainingDoppelganger = "draining_doppelganger"
    /// Dials to a peer hang or are refused while several callers wait for it.
    case hangingConnect = "hanging_connect"
    /// Connections close at random, one end, the other or both (FoundationDB's thirds), under steady calls.
    case halfOpen = "half_open"
    /// A node's keep-alives are held past the idle timeout, then released, with calls around it.
    case heldKeepAlives = "held_keep_alives"
}
