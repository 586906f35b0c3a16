/// What the plan remembers of one real connection in live mode, where there are no simulated segments: its ends,
/// when it opened on the plan's clock, and its per-connection toxicity draws (a `reset_peer` at 40% resets about 40%
/// of the connections, as in a simulation).
///
/// Not thread-safe: use on live mode's serial executor.
public final class LiveConnectionFaultState: @unchecked Sendable {
    /// The scenario host the real client stands for.
    public let client: String
    /// The service as the scenario names it.
    public let service: Endpoint
    /// When the connection opened, on the plan's clock.
    public let openedAt: Int64
    fileprivate var applies: [String: Bool] = [:]
    /// `reset_peer` faults whose later reset was handed to the caller (once per fault and connection).
    fileprivate var arranged: Set<String> = []

    public init(client: String, service: Endpoint, openedAt: Int64) {
        self.client = client
        self.service = service
        self.openedAt = openedAt
    }
}

/// A `reset_peer` fault's decision for a real connection: reset it at `at` on the plan's clock (now or later).
public struct LivePeerReset: Sendable, Equatable {
    public var fault: String
    public var at: Int64
}

extension FaultPlan {
    /// Live mode's question whenever bytes move on a real connection in `direction`: the first active `reset_peer`
    /// fault that acts on it, and when it resets the connection — `after` the connection opened, or at once if it is
    /// already older, as `segmentConditions` decides for a simulated one. A later reset is answered once per fault
    /// and connection, for the caller to arrange; nil when no reset is due or newly arranged.
    public func livePeerReset(on state: LiveConnectionFaultState, direction: FaultDirection) -> LivePeerReset? {
        guard !faults.isEmpty else { return nil }
        let now = nowNanoseconds
        for fault in faults {
            guard case let .resetPeer(after) = fault.kind, fault.direction.covers(direction),
                  fault.target.coversConnection(from: state.client, to: state.service),
                  schedule(of: fault).isActive(at: now)
            else { continue }
            let applies = state.applies[fault.name] ?? drawToxicity(fault.toxicity, of: fault.name)
            state.applies[fault.name] = applies
            guard applies else { continue }
            let resetAt = saturatingAdd(state.openedAt, after.nanosecondsClamped)
            if now >= resetAt { return LivePeerReset(fault: fault.name, at: now) }
            if state.arranged.insert(fault.name).inserted { return LivePeerReset(fault: fault.name, at: resetAt) }
        }
        return nil
    }

    /// A `reset_peer` fault reset a real connection (traced each time).
    public func traceLivePeerReset(_ reset: LivePeerReset, on state: LiveConnectionFaultState, connection: String) {
        trace("\(reset.fault) (reset_peer) resets \(connection) \(state.client) → \(state.service)")
    }
}
