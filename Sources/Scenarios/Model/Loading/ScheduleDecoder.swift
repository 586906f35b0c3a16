import ChaosNet

/// Reads `schedule:`, the kernel's strategy for picking among ready jobs: `random_walk` (the default), or
/// `{strategy: pct, depth: D, steps: K}` for probabilistic concurrency testing with bug depth D and about K steps
/// per run (`{strategy: random_walk}` is accepted too). Either mapping may add `timers: together` (or the default
/// `one_at_a_time`): how timers due at one instant wake.
enum ScheduleDecoder {
    static let keys = ["strategy", "depth", "steps", "timers"]
    static let strategies = ["random_walk", "pct"]

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> (ScheduleStrategy, TimerWakeups) {
        guard let node, !node.isNull else { return (.randomWalk, .oneAtATime) }
        if case .scalar = node.node {
            let name = try node.string()
            guard name == "random_walk" else {
                throw node.error(
                    "'schedule' must be random_walk or a mapping {strategy: pct, depth: D, steps: K}, got '\(name)'")
            }
            return (.randomWalk, .oneAtATime)
        }
        let mapping = try node.mapping("schedule", allowedKeys: keys)
        var timers = TimerWakeups.oneAtATime
        if let node = mapping.value("timers") {
            let name = try node.string()
            guard let named = TimerWakeups(rawValue: name) else {
                throw node.error("unknown timers '\(name)': expected one of "
                    + TimerWakeups.allCases.map(\.rawValue).joined(separator: ", "))
            }
            timers = named
        }
        return (try strategy(in: mapping), timers)
    }

    private static func strategy(in mapping: LocatedMapping) throws(ScenarioFileError) -> ScheduleStrategy {
        let strategyNode = try mapping.required("strategy")
        let strategy = try strategyNode.string()
        switch strategy {
        case "random_walk":
            if let extra = mapping.value("depth") ?? mapping.value("steps") {
                throw extra.error("'\(extra.label)' applies to strategy pct only")
            }
            return .randomWalk
        case "pct":
            let depth = try mapping.value("depth")?.integer(in: ScheduleStrategy.pctDepthRange)
                ?? ScheduleStrategy.pctDefaultDepth
            let steps = try mapping.value("steps")?.integer(in: ScheduleStrategy.pctStepEstimateRange)
                ?? ScheduleStrategy.pctDefaultStepEstimate
            return .pct(depth: depth, stepEstimate: steps)
        default:
            throw strategyNode.error(
                "unknown strategy '\(strategy)': expected one of \(strategies.joined(separator: ", "))")
        }
    }
}
