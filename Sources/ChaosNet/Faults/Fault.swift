/// A fault as data: what goes wrong (`kind`), where (`target`, `direction`), for which share of connections
/// (`toxicity`) and when (`activity`).
///
/// Faults never hold code. A world's `FaultPlan` holds these values (with its file-system faults) in order, and
/// answers the network's and the HTTP servers' questions from them; each time a fault changes what happens, the
/// trace records it by name.
public struct Fault: Sendable, Equatable, CustomStringConvertible {
    /// A unique name, used in trace events and to remove or release the fault.
    public var name: String
    public var kind: FaultKind
    public var target: FaultTarget
    /// Which way the fault acts: `upstream` is from a connection's initiator to its acceptor, `downstream` the
    /// reverse. For `partition`, `clog` and `hold` on a `.link(a, b)` target, `upstream` means from `a` to `b`.
    public var direction: FaultDirection
    /// The probability that the fault acts (1 = always). Which unit it is drawn for depends on the layer that asks
    /// (see `FaultPlan`): per connection attempt for `down`, `partition`, `clog` and `hold` on a handshake; once per
    /// connection for faults on an established stream; once per response for HTTP faults.
    public var toxicity: Double
    public var activity: FaultActivity

    public init(
        name: String,
        kind: FaultKind,
        target: FaultTarget,
        direction: FaultDirection = .both,
        toxicity: Double = 1,
        activity: FaultActivity = .always
    ) {
        precondition((0...1).contains(toxicity), "toxicity must lie in 0...1, got \(toxicity)")
        self.name = name
        self.kind = kind
        self.target = target
        self.direction = direction
        self.toxicity = toxicity
        self.activity = activity
    }

    public var description: String {
        "\(name): \(kind) on \(target) \(direction.rawValue), toxicity \(toxicity), \(activity)"
    }
}

/// Which way along a connection or link a fault acts.
public enum FaultDirection: String, Sendable, Equatable, CaseIterable {
    case upstream, downstream, both

    func covers(_ direction: FaultDirection) -> Bool {
        self == .both || self == direction
    }
}

/// What a fault applies to.
public enum FaultTarget: Sendable, Equatable, CustomStringConvertible {
    /// Traffic between two hosts, whichever opened the connection.
    case link(String, String)
    /// Connections to one listening service, like a toxiproxy proxy.
    case service(host: String, port: Int)
    /// Everything to or from one host.
    case host(String)

    public var description: String {
        switch self {
        case let .link(a, b): "link \(a)↔\(b)"
        case let .service(host, port): "service \(host):\(port)"
        case let .host(host): "host \(host)"
        }
    }
}
