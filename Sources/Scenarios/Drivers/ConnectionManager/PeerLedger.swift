import ChaosNet

/// What a peer workload saw its managers do: each call's duration and outcome, each lookup's.
final class PeerLedger: @unchecked Sendable {
    struct Call {
        var label: String
        var duration: Duration
        var outcome: String
    }

    private(set) var calls: [Call] = []
    var lookupsStarted = 0
    var lookupsCancelled = 0
    /// Nodes booted again after dying.
    var reboots = 0
    private(set) var lookupsReturned = 0
    private(set) var lookupsFound = 0
    /// Lookups that threw, by cause.
    private(set) var lookupErrors: [String] = []
    private(set) var longestLookup: Duration = .zero
    /// Facts the race scripts check as they go (a simultaneous dial that did not settle, say), by invariant.
    var notes: [InvariantName: [String]] = [:]

    func recordCall(label: String, started: SimClock.Instant, ended: SimClock.Instant, outcome: String) {
        calls.append(Call(label: label, duration: started.duration(to: ended), outcome: outcome))
    }

    func recordLookup(started: SimClock.Instant, ended: SimClock.Instant, found: Int, error: String?) {
        longestLookup = max(longestLookup, started.duration(to: ended))
        if let error {
            lookupErrors.append(error)
        } else {
            lookupsReturned += 1
            lookupsFound += found
        }
    }

    func note(_ invariant: InvariantName, _ message: String) { notes[invariant, default: []].append(message) }
}
