/// Reads `rerun:` into a `RerunSpec`: the candidate delays, the target residual rate, the blind policy, and the
/// real error patterns of the transient signatures, and how many held-out seeds validate the chosen policy.
enum RerunDecoder {
    static let keys = ["delays", "target", "max_reruns", "blind", "real_errors", "validation_seeds"]
    static let blindKeys = ["reruns", "delay"]
    static let rerunsRange = 1...20
    static let validationSeedsRange = 0...1_000_000

    static func decode(_ node: LocatedNode?, component: String) throws(ScenarioFileError) -> RerunSpec {
        let defaults = RerunSpec()
        guard let node else { return defaults }
        let mapping = try node.mapping("rerun", allowedKeys: keys)
        var spec = defaults
        if let delaysNode = mapping.value("delays") {
            spec.delays = []
            for item in try delaysNode.list(itemLabel: "delay") {
                let delay = try item.duration()
                guard !spec.delays.contains(delay) else {
                    throw item.error("duplicate delay \(DurationText.format(delay))")
                }
                spec.delays.append(delay)
            }
            guard !spec.delays.isEmpty else { throw delaysNode.error("'delays' must list at least one delay") }
        }
        if let targetNode = mapping.value("target") {
            spec.target = try targetNode.probability()
            guard spec.target > 0, spec.target < 1 else {
                throw targetNode.error("'target' must lie strictly between 0 and 1, got \(targetNode.summary)")
            }
        }
        spec.rerunsMax = try mapping.value("max_reruns")?.integer(in: rerunsRange) ?? spec.rerunsMax
        if let blindNode = mapping.value("blind") {
            let blind = try blindNode.mapping("blind", allowedKeys: blindKeys)
            spec.blindReruns = try blind.value("reruns")?.integer(in: 0...rerunsRange.upperBound) ?? spec.blindReruns
            spec.blindDelay = try blind.value("delay")?.duration() ?? spec.blindDelay
        }
        if let realErrorsNode = mapping.value("real_errors") {
            spec.realErrors = try RealErrorsDecoder.decode(realErrorsNode, component: component)
        }
        spec.validationSeeds = try mapping.value("validation_seeds")?.integer(in: validationSeedsRange)
        return spec
    }
}
