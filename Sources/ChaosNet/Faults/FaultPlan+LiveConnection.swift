/// One real connection in live mode, as the fault plan's segment question sees it: its ends, when it opened on the
/// plan's clock, its per-connection toxicity draws (a `reset_peer` at 40% resets about 40% of the connections, as in
/// a simulation), and the actions live mode takes when a fault's later effect comes due.
///
/// Not thread-safe: use on live mode's serial executor.
public final class LiveConnectionFaultState: FaultedConnection, @unchecked Sendable {
    let initiator: Endpoint
    let acceptor: Endpoint
    let createdAt: Int64
    let label: String
    var faultApplies: [String: Bool] = [:]
    var arrangedFaultEffects: Set<String> = []
    var tracedFaultPeriods: Set<FaultPeriodKey> = []
    private let random: (String) -> SeededRandom
    private let arrange: (_ after: Duration, _ action: @escaping () -> Void) -> Void
    private let now: () -> Int64
    private let reset: (String) -> Void
    private let close: (String) -> Void

    /// - Parameters:
    ///   - client: the scenario host the real client stands for; `service`: the service as the scenario names it.
    ///   - plan: the plan whose clock says when the connection opened and when effects come due.
    ///   - arrange: runs an action after a duration of the scenario's time.
    ///   - reset, close: what a `reset_peer` and a closing `timeout` do to the socket, given the reason.
    public init(
        client: String, service: Endpoint, label: String, plan: FaultPlan,
        random: @escaping (String) -> SeededRandom,
        arrange: @escaping (_ after: Duration, _ action: @escaping () -> Void) -> Void,
        reset: @escaping (String) -> Void, close: @escaping (String) -> Void
    ) {
        initiator = Endpoint(host: client, port: 0)
        acceptor = service
        self.label = label
        createdAt = plan.nowNanoseconds
        self.random = random
        self.arrange = arrange
        now = { [unowned plan] in plan.nowNanoseconds }
        self.reset = reset
        self.close = close
    }

    func sliceRandom(for fault: Fault) -> SeededRandom {
        random("fault.\(fault.name).slices")
    }

    func arrangeReset(at time: Int64, reason: String) {
        arrange(.nanoseconds(max(0, time - now()))) { [reset] in reset(reason) }
    }

    func arrangeClose(after delay: Duration, reason: String) {
        arrange(delay) { [close] in close(reason) }
    }
}

/// What the plan's network faults do to the next bytes a real connection moves in one direction (live mode): the
/// simulated segment's conditions with no link of their own, since the real network is the link.
public struct LiveSegmentConditions: Sendable {
    public enum Gate: Sendable, Equatable {
        /// Move the bytes now.
        case open
        /// Hold them (`clog`, `hold`, or a `partition` whose segments a real stack would retransmit later).
        case hold
        /// Reset the connection (`reset_peer`).
        case reset(reason: String)
    }

    public var gate: Gate
    /// Added before the bytes move (`latency`), plus up to `jitterMax`.
    public var latency: Duration
    public var jitterMax: Duration
    /// The rate the bytes move at (`bandwidth`), nil for no limit.
    public var bandwidthBytesPerSecond: Int?
    /// The largest piece moved at once (`slicer`), with `sliceDelay` between pieces; nil for no limit.
    public var segmentSize: Int?
    public var sliceDelay: Duration
    /// The bytes the direction may carry before the connection closes (`limit_data`).
    public var limitData: Int?
    /// The black hole (`timeout`) that swallows the bytes: they never arrive.
    public var droppedBy: String?
    /// Added before the FIN (`slow_close`).
    public var slowCloseDelay: Duration

    /// The time `bytes` take at `bandwidthBytesPerSecond`.
    public func transmitTime(_ bytes: Int) -> Duration {
        guard let rate = bandwidthBytesPerSecond, rate > 0 else { return .zero }
        return .nanoseconds(Int64(clamping: (Int64(bytes) * 1_000_000_000 + Int64(rate) - 1) / Int64(rate)))
    }
}

extension FaultPlan {
    /// Live mode's question before a real connection moves bytes in `direction`: the same as a simulated segment's
    /// (`segmentConditions`), traced the same way, with later effects arranged through `state`.
    public func liveSegmentConditions(
        on state: LiveConnectionFaultState, direction: FaultDirection
    ) -> LiveSegmentConditions {
        let noLink = LinkConditions(latency: .zero, segmentSize: Int.max)
        let conditions = segmentConditions(on: state, direction: direction, link: noLink, at: nowNanoseconds)
        let gate: LiveSegmentConditions.Gate = switch conditions.gate {
        case .open: conditions.lostBy == nil ? .open : .hold
        case .hold: .hold
        case let .reset(reason): .reset(reason: reason)
        }
        return LiveSegmentConditions(
            gate: gate, latency: .nanoseconds(conditions.latency), jitterMax: .nanoseconds(conditions.jitterMax),
            bandwidthBytesPerSecond: conditions.bandwidthBytesPerSecond,
            segmentSize: conditions.segmentSize == Int.max ? nil : conditions.segmentSize,
            sliceDelay: .nanoseconds(conditions.sliceDelay), limitData: conditions.limitData,
            droppedBy: conditions.dropBy, slowCloseDelay: .nanoseconds(conditions.slowCloseDelay))
    }
}
