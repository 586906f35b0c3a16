import ChaosNet

/// One fault of a scenario's plan, network or file system, as the shrinker handles both: by name, with an activity
/// and a toxicity it may change, and its kind's parameters.
public enum PlanFault: Sendable, Equatable, CustomStringConvertible {
    case network(Fault)
    case fileSystem(FileSystemFault)

    public var name: String {
        switch self {
        case let .network(fault): fault.name
        case let .fileSystem(fault): fault.name
        }
    }

    public var activity: FaultActivity {
        get {
            switch self {
            case let .network(fault): fault.activity
            case let .fileSystem(fault): fault.activity
            }
        }
        set {
            switch self {
            case var .network(fault):
                fault.activity = newValue
                self = .network(fault)
            case var .fileSystem(fault):
                fault.activity = newValue
                self = .fileSystem(fault)
            }
        }
    }

    /// The share the fault acts on; 1 for the whole-machine file-system kinds, which take none.
    public var toxicity: Double {
        get {
            switch self {
            case let .network(fault): fault.toxicity
            case let .fileSystem(fault): fault.toxicity
            }
        }
        set {
            switch self {
            case var .network(fault):
                fault.toxicity = newValue
                self = .network(fault)
            case var .fileSystem(fault):
                fault.toxicity = newValue
                self = .fileSystem(fault)
            }
        }
    }

    /// The periods the fault is active in the world seeded with `seed`, up to `horizon` (`FaultPlan.activeWindows`).
    public func activeWindows(seed: UInt64, through horizon: Duration) -> [FaultWindow] {
        switch self {
        case let .network(fault): FaultPlan.activeWindows(of: fault, seed: seed, through: horizon)
        case let .fileSystem(fault): FaultPlan.activeWindows(of: fault, seed: seed, through: horizon)
        }
    }

    /// Whether a trace event is this fault firing: `NAME (KIND) …`, as every layer traces it.
    func fired(_ event: TraceEvent) -> Bool {
        event.source == "fault" && event.message.hasPrefix("\(name) (")
    }

    public var description: String {
        switch self {
        case let .network(fault): fault.description
        case let .fileSystem(fault): fault.description
        }
    }
}
