/// Reads `invariants:`: names of invariants the workload's component has, each at most once.
enum InvariantListDecoder {
    static func decode(_ node: LocatedNode?, component: ComponentKind) throws(ScenarioFileError) -> [InvariantName] {
        guard let node else { return [] }
        let applicable = component.invariants.map(\.rawValue)
        var invariants: [InvariantName] = []
        for item in try node.list(itemLabel: "invariant") {
            let text = try item.scalarText(expected: "an invariant name")
            guard let invariant = InvariantName(rawValue: text) else {
                let hint = SpellingSuggestion.hint(
                    for: text, among: InvariantName.allCases.map(\.rawValue), listLabel: "invariants")
                throw item.error("unknown invariant '\(text)'\(hint)")
            }
            guard applicable.contains(text) else {
                throw item.error("invariant '\(text)' does not apply to component '\(component.rawValue)'; its "
                    + "invariants: \(applicable.joined(separator: ", "))")
            }
            guard !invariants.contains(invariant) else { throw item.error("duplicate invariant '\(text)'") }
            invariants.append(invariant)
        }
        return invariants
    }
}
