import ChaosComponents
import ChaosCore
import ChaosNet

/// The peer world's invariants, checked after every node stopped and 1.5 idle timeouts passed.
enum PeerInvariants {
    static func check(_ world: PeerWorld, snapshots: [ConnectionManagerSnapshot]) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        let ledger = world.ledger
        let settings = world.settings
        for (invariant, notes) in ledger.notes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            violations.append(InvariantViolation(invariant, notes.joined(separator: "; ")))
        }
        let unfinished = ledger.lookupsStarted - ledger.lookupsCancelled - ledger.lookupsReturned
            - ledger.lookupErrors.count
        let lookupLimit = settings.lookupQueryTimeout + settings.lookupPeerTimeout + .seconds(1)
        if !ledger.lookupErrors.isEmpty || unfinished > 0 || ledger.longestLookup > lookupLimit {
            let causes = Dictionary(ledger.lookupErrors.map { ($0, 1) }, uniquingKeysWith: +)
                .sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            violations.append(InvariantViolation(
                .lookupsReturn,
                "\(ledger.lookupErrors.count) lookups threw (\(causes.isEmpty ? "none" : causes)), \(unfinished) "
                    + "never returned, the longest took \(ledger.longestLookup.formattedSeconds)"))
        }
        let openEnds = world.peers.openConnectionEnds
        let running = world.members.reduce(0) { $0 + $1.tasks.runningCount }
        let timers = snapshots.reduce(0) { $0 + $1.timers }
        let held = snapshots.reduce(0) { $0 + $1.usage.count + $1.active.count }
        if openEnds > 0 || running > 0 || timers > 0 || held > 0 {
            violations.append(InvariantViolation(
                .noLeaks,
                "after stop: \(openEnds) connection ends open, \(running) background tasks running, \(timers) TTL "
                    + "timers, \(held) connections still held"))
        }
        let callLimit = settings.connectTimeout + settings.rpcTimeout + .seconds(1)
        let slow = ledger.calls.filter { $0.duration > callLimit }
        let waiters = snapshots.filter { $0.peakLockWaiters > max(0, $0.peakCallsInFlight - 1) }
        if !slow.isEmpty || !waiters.isEmpty {
            let longest = slow.map(\.duration).max() ?? .zero
            violations.append(InvariantViolation(
                .boundedWaits,
                "\(slow.count) calls took longer than \(callLimit.formattedSeconds) (the longest "
                    + "\(longest.formattedSeconds)); \(waiters.count) managers had more lock waiters than callers"))
        }
        let raceFailures = ledger.calls.filter { $0.label == "dial-race" && $0.outcome != "ok" }
        if !raceFailures.isEmpty {
            violations.append(InvariantViolation(
                .duplicateDialResolved,
                "\(raceFailures.count) calls failed across a simultaneous dial (\(raceFailures[0].outcome))"))
        }
        let graceful: Set<UInt64> = [
            ConnectionCloseCode.idleTTL.rawValue, ConnectionCloseCode.duplicateConnection.rawValue,
        ]
        let closes = world.peers.applicationCloses
        let cutByGraceful = closes.filter { graceful.contains($0.code) && $0.openStreams > 0 }
        let negative = snapshots.filter { $0.usage.values.contains { $0 < 0 } }
        if !cutByGraceful.isEmpty || !negative.isEmpty {
            violations.append(InvariantViolation(
                .streamsCounted,
                "\(cutByGraceful.count) graceful closes cut open streams; \(negative.count) managers counted a use "
                    + "below zero"))
        }
        let typed = Set(ConnectionCloseCode.allCases.map(\.rawValue))
        let untyped = closes.filter { ($0.openStreams > 0 || $0.code == 42) && !typed.contains($0.code) }
        if !untyped.isEmpty {
            let codes = Set(untyped.map(\.code)).sorted().map(String.init).joined(separator: ", ")
            violations.append(InvariantViolation(
                .typedCloseCodes,
                "\(untyped.count) forced closes used codes that are no ConnectionCloseCode (\(codes)); the first: "
                    + "\(untyped[0].node) closed \(String(untyped[0].sharedID, radix: 16)) cutting "
                    + "\(untyped[0].openStreams) streams: "
                    + (untyped[0].reason.isEmpty ? "no reason" : untyped[0].reason)))
        }
        let alpha = settings.lookupConcurrency
        if let widest = snapshots.map(\.peakLookupQueriesInFlight).max(), widest > alpha {
            violations.append(InvariantViolation(
                .lookupConcurrency, "a lookup had \(widest) queries in flight, above α = \(alpha)"))
        }
        return violations
    }
}
