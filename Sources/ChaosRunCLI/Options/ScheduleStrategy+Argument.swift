import ArgumentParser
import ChaosNet

/// `--strategy random_walk`, `pct` (depth 3, 10,000 steps), `pct:D` or `pct:D:K`, as the scenario key spells them.
extension ScheduleStrategy: ExpressibleByArgument {
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.first {
        case "random_walk" where parts.count == 1:
            self = .randomWalk
        case "pct" where parts.count <= 3:
            let numbers = parts.dropFirst().map { Int($0) }
            guard !numbers.contains(nil) else { return nil }
            let depth = numbers.first.flatMap { $0 } ?? Self.pctDefaultDepth
            let steps = numbers.dropFirst().first.flatMap { $0 } ?? Self.pctDefaultStepEstimate
            guard Self.pctDepthRange.contains(depth), Self.pctStepEstimateRange.contains(steps) else { return nil }
            self = .pct(depth: depth, stepEstimate: steps)
        default:
            return nil
        }
    }

    /// How the option spells it back.
    var argument: String {
        switch self {
        case .randomWalk: "random_walk"
        case let .pct(depth, steps): "pct:\(depth):\(steps)"
        }
    }
}
