import ChaosNet

/// The faults a live server knows, in order, each enabled or not, and the fault plan that holds the enabled ones
/// it can apply: what the control API lists and changes.
///
/// Live mode applies the faults that act on a service's responses (the `http_*` kinds), `down` (an accepted
/// connection is reset at once) and `reset_peer` (a connection is reset `after` it opened); the others act on
/// simulated packets and segments, which a real socket does not have. Those are listed with `applied: false` and
/// the reason, and a warning names them at start, never silently.
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveFaultSet: @unchecked Sendable {
    struct Entry {
        var fault: Fault
        var enabled: Bool
        /// Why live mode does not apply the fault; nil when it does.
        var notAppliedBecause: String?
    }

    let plan: FaultPlan
    private let clock: LiveFaultClock
    private(set) var entries: [Entry] = []

    init(clock: LiveFaultClock, faults: [Fault]) {
        self.clock = clock
        plan = FaultPlan(host: clock)
        for fault in faults { add(fault) }
    }

    /// Why live mode does not apply faults of `kind`; nil for the kinds it applies.
    static func notAppliedReason(_ kind: FaultKind) -> String? {
        if kind.isHTTPLevel { return nil }
        switch kind {
        case .down, .resetPeer: return nil
        default: break
        }
        return "\(kind.name) acts on the simulated network's packets and segments, which live mode does not have"
    }

    /// Adds `fault`, enabled, at the end; the name must be new (the control API checks).
    func add(_ fault: Fault) {
        precondition(!contains(fault.name), "a fault named \(fault.name) already exists")
        let reason = Self.notAppliedReason(fault.kind)
        entries.append(Entry(fault: fault, enabled: true, notAppliedBecause: reason))
        if reason == nil { plan.add(fault) }
    }

    func contains(_ name: String) -> Bool { entries.contains { $0.fault.name == name } }

    /// Whether the named fault is listed and enabled.
    func isEnabled(_ name: String) -> Bool { entries.contains { $0.fault.name == name && $0.enabled } }

    /// Removes the named fault; false if it is not listed.
    func remove(_ name: String) -> Bool {
        guard let index = entries.firstIndex(where: { $0.fault.name == name }) else { return false }
        let entry = entries.remove(at: index)
        if entry.enabled, entry.notAppliedBecause == nil { plan.remove(named: name) }
        return true
    }

    /// Enables or disables the named fault; false if it is not listed. An enabled fault draws its episodes from the
    /// seed again, so they are the episodes it had before it was disabled.
    func setEnabled(_ name: String, _ enabled: Bool) -> Bool {
        guard let index = entries.firstIndex(where: { $0.fault.name == name }) else { return false }
        guard entries[index].enabled != enabled else { return true }
        entries[index].enabled = enabled
        guard entries[index].notAppliedBecause == nil else { return true }
        if enabled {
            // The plan consults faults in list order; re-adding the listed ones keeps that order.
            for entry in entries where entry.enabled && entry.notAppliedBecause == nil {
                if plan.hasFault(named: entry.fault.name) { plan.remove(named: entry.fault.name) }
                clock.forgetStreams(ofFault: entry.fault.name)
                plan.add(entry.fault)
            }
        } else {
            plan.remove(named: name)
        }
        return true
    }
}
