import ChaosCore

/// A fault of the simulated peer network, as data: what it does, to which node, when, and how often. Each draws from
/// a random stream of its own name (`peer.fault.<name>`), so adding or dropping one never moves another's draws, and
/// every firing is a trace event.
public struct PeerFault: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// On each frame the node sends or receives, with `probability`, once the connection is `cooldown` old:
        /// a close at random, split as FoundationDB's `rollRandomClose` splits it: the peer's end only, both ends,
        /// or this end only (half-open), a third each. No close frame is sent: the other end learns of it from its
        /// idle timeout, or never.
        case randomClose(probabilityPerFrame: Double, cooldown: Duration)
        /// Each stream a peer opens to the node is reset with `code`, with `probability`: before the node's first
        /// byte on it, or after it.
        case streamReset(probability: Double, phase: StreamResetPhase, code: UInt64)
        /// A dial to the node fails with `probability`: refused after a round trip, or hanging until the dial's
        /// timeout, half each.
        case connectFailure(probability: Double)
        /// The node closes every inbound connection with `code` and `reason` as soon as its hello arrives.
        case rejectInbound(code: UInt64, reason: String)
        /// The node's keep-alive PINGs are held while the fault is active and sent when it ends.
        case holdKeepAlives
    }

    /// Where a stream reset strikes.
    public enum StreamResetPhase: String, Sendable, Equatable {
        case beforeFirstByte = "before_first_byte"
        case midResponse = "mid_response"
    }

    public var name: String
    public var kind: Kind
    /// The node it acts on; nil for every node.
    public var node: NodeID?
    public var activity: FaultActivity

    public init(name: String, kind: Kind, node: NodeID? = nil, activity: FaultActivity = .always) {
        switch kind {
        case let .randomClose(probability, cooldown):
            precondition((0...1).contains(probability) && cooldown >= .zero, "a probability and a cooldown")
        case let .streamReset(probability, _, _), let .connectFailure(probability):
            precondition((0...1).contains(probability), "a probability in 0...1")
        case .rejectInbound, .holdKeepAlives:
            break
        }
        self.name = name
        self.kind = kind
        self.node = node
        self.activity = activity
    }

    public var description: String {
        "\(name): \(kind) on \(node.map { "node \($0)" } ?? "every node"), \(activity)"
    }
}

/// One fault of a peer network with its schedule and its random stream.
final class PeerFaultState {
    let fault: PeerFault
    private let schedule: FaultSchedule
    let random: SeededRandom

    init(_ fault: PeerFault, simulation: Simulation) {
        self.fault = fault
        random = simulation.random("peer.fault.\(fault.name)")
        schedule = FaultSchedule(
            activity: fault.activity, random: simulation.random("peer.fault.\(fault.name).activity"))
    }

    /// Whether it acts on `node` now.
    func applies(to node: NodeID, at now: SimClock.Instant) -> Bool {
        (fault.node == nil || fault.node == node) && schedule.isActive(at: now.nanosecondsSinceEpoch)
    }

    /// When the active period containing `now` ends, if one does.
    func activeUntil(_ now: SimClock.Instant) -> SimClock.Instant? {
        schedule.activePeriod(at: now.nanosecondsSinceEpoch).map { SimClock.Instant(nanosecondsSinceEpoch: $0.end) }
    }
}
