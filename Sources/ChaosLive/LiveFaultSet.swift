import ChaosNet

/// The faults a live server knows, in order, each enabled or not, and the fault plan that holds the enabled ones:
/// what the control API lists and changes. Every kind applies: the `http_*` kinds to responses, `down` to accepted
/// connections (reset at once), and the network kinds to the bytes each connection moves (`LiveConnectionShaper`).
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveFaultSet: @unchecked Sendable {
    struct Entry {
        var fault: Fault
        var enabled: Bool
    }

    let plan: FaultPlan
    private let clock: LiveFaultClock
    private(set) var entries: [Entry] = []

    init(clock: LiveFaultClock, faults: [Fault]) {
        self.clock = clock
        plan = FaultPlan(host: clock)
        for fault in faults { add(fault) }
    }

    /// Adds `fault`, enabled, at the end; the name must be new (the control API checks).
    func add(_ fault: Fault) {
        precondition(!contains(fault.name), "a fault named \(fault.name) already exists")
        entries.append(Entry(fault: fault, enabled: true))
        plan.add(fault)
    }

    func contains(_ name: String) -> Bool { entries.contains { $0.fault.name == name } }

    /// Whether the named fault is listed and enabled.
    func isEnabled(_ name: String) -> Bool { entries.contains { $0.fault.name == name && $0.enabled } }

    /// Removes the named fault; false if it is not listed. Data it was holding moves on.
    func remove(_ name: String) -> Bool {
        guard let index = entries.firstIndex(where: { $0.fault.name == name }) else { return false }
        let entry = entries.remove(at: index)
        if entry.enabled { plan.remove(named: name) }
        return true
    }

    /// Enables or disables the named fault; false if it is not listed. An enabled fault draws its episodes from the
    /// seed again, so they are the episodes it had before it was disabled.
    func setEnabled(_ name: String, _ enabled: Bool) -> Bool {
        guard let index = entries.firstIndex(where: { $0.fault.name == name }) else { return false }
        guard entries[index].enabled != enabled else { return true }
        entries[index].enabled = enabled
        if enabled {
            // The plan consults faults in list order; re-adding the listed ones keeps that order.
            for entry in entries where entry.enabled {
                if plan.hasFault(named: entry.fault.name) { plan.remove(named: entry.fault.name) }
                clock.forgetStreams(ofFault: entry.fault.name)
                plan.add(entry.fault)
            }
        } else {
            plan.remove(named: name)
        }
        return true
    }

    /// Releases what the named `hold` fault holds (the fault stays listed); false if it is not listed.
    func release(_ name: String) -> Bool {
        guard contains(name) else { return false }
        plan.release(name)
        return true
    }
}
