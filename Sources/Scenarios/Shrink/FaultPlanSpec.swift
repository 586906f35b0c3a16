import ChaosNet

/// The faults of a scenario, network and file system, as one list (network faults first, each list in its own
/// order, which is the order the plan consults them in): what the shrinker removes items from and simplifies.
public struct FaultPlanSpec: Sendable, Equatable {
    public var entries: [PlanFault]

    public init(_ entries: [PlanFault]) {
        self.entries = entries
    }

    /// The scenario's `faults` and `file_system_faults`.
    public init(of scenario: ScenarioFile) {
        entries = scenario.faults.map(PlanFault.network) + scenario.fileSystemFaults.map(PlanFault.fileSystem)
    }

    public var faults: [Fault] {
        entries.compactMap { if case let .network(fault) = $0 { fault } else { nil } }
    }

    public var fileSystemFaults: [FileSystemFault] {
        entries.compactMap { if case let .fileSystem(fault) = $0 { fault } else { nil } }
    }

    /// `scenario` with these faults instead of its own.
    public func applied(to scenario: ScenarioFile) -> ScenarioFile {
        var scenario = scenario
        scenario.faults = faults
        scenario.fileSystemFaults = fileSystemFaults
        return scenario
    }

    /// The scripted windows of every fault, counted.
    public var windowCount: Int {
        entries.reduce(0) { count, entry in
            if case let .windows(windows) = entry.activity { count + windows.count } else { count }
        }
    }

    /// One line for before/after: `5 faults (4 network, 1 file system): 5 in episodes`, or `1 fault (1 network):
    /// 1 window, 0.003s active in all`.
    public var summary: String {
        let network = faults.count, fileSystem = fileSystemFaults.count
        var kinds: [String] = []
        if network > 0 { kinds.append("\(network) network") }
        if fileSystem > 0 { kinds.append("\(fileSystem) file system") }
        var head = entries.count == 1 ? "1 fault" : "\(entries.count) faults"
        if !kinds.isEmpty { head += " (" + kinds.joined(separator: ", ") + ")" }
        var activities: [String] = []
        let always = entries.filter { $0.activity == .always }.count
        let episodic = entries.filter { if case .episodes = $0.activity { true } else { false } }.count
        if always > 0 { activities.append("\(always) always on") }
        if episodic > 0 { activities.append("\(episodic) in episodes") }
        if windowCount > 0 || entries.contains(where: { $0.activity == .windows([]) }) {
            let active = entries.reduce(Duration.zero) { total, entry in
                guard case let .windows(windows) = entry.activity else { return total }
                return windows.reduce(total) { $0 + ($1.end - $1.start) }
            }
            let windows = windowCount == 1 ? "1 window" : "\(windowCount) windows"
            activities.append("\(windows), \(active.formattedSeconds) active in all")
        }
        return activities.isEmpty ? head : head + ": " + activities.joined(separator: ", ")
    }
}
