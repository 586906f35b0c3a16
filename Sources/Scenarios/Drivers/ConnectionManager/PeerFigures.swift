import ChaosComponents
import ChaosNet
import Triage

/// The figures of one peer seed: calls by outcome, lookups by fate and what they found, closes by code.
enum PeerFigures {
    static func make(_ world: PeerWorld) -> SeedFigures {
        var figures = SeedFigures()
        let ledger = world.ledger
        for call in ledger.calls { figures.count("calls", call.outcome) }
        figures.count("lookups", "started", by: ledger.lookupsStarted)
        figures.count("lookups", "returned", by: ledger.lookupsReturned)
        figures.count("lookups", "threw", by: ledger.lookupErrors.count)
        if ledger.lookupsReturned > 0 {
            figures.record("contacts_per_lookup", Double(ledger.lookupsFound) / Double(ledger.lookupsReturned))
        }
        figures.record("longest_lookup_s", ledger.longestLookup.secondsDouble)
        for close in world.peers.applicationCloses { figures.count("closes_by_code", String(close.code)) }
        return figures
    }
}
