import ChaosNet

/// One fault of a scenario's plan, network or file system, as the shrinker handles both: by name, with an activity
/// and a toxicity it may change, and its kind's parameters.
public enum PlanFault: Sendable, Equatable, CustomStringConvertible {
    case network(Fault)
    case fileSystem(FileSystemFault)

    public var name: String { self[\.name, \.name] }

    public var activity: FaultActivity {
        get { self[\.activity, \.activity] }
        set { self[\.activity, \.activity] = newValue }
    }

    /// The share the fault acts on; 1 for the whole-machine file-system kinds, which take none.
    public var toxicity: Double {
        get { self[\.toxicity, \.toxicity] }
        set { self[\.toxicity, \.toxicity] = newValue }
    }

    /// A property both kinds of fault have, read or written through whichever this is.
    private subscript<Value>(
        network: WritableKeyPath<Fault, Value>, fileSystem: WritableKeyPath<FileSystemFault, Value>
    ) -> Value {
        get {
            switch self {
            case let .network(fault): fault[keyPath: network]
            case let .fileSystem(fault): fault[keyPath: fileSystem]
            }
        }
        set {
            switch self {
            case var .network(fault):
                fault[keyPath: network] = newValue
                self = .network(fault)
            case var .fileSystem(fault):
                fault[keyPath: fileSystem] = newValue
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
