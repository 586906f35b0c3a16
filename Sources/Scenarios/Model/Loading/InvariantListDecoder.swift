/// Reads `invariants:`: names of invariants the workload's driver checks, each at most once.
enum InvariantListDecoder {
    static func decode(
        _ node: LocatedNode?, driver: any ComponentDriver, drivers: DriverRegistry
    ) throws(ScenarioFileError) -> [InvariantName] {
        guard let node else { return [] }
        let applicable = driver.invariants.map(\.name.rawValue)
        var known: [String] = []
        for other in drivers.drivers {
            for invariant in other.invariants where !known.contains(invariant.name.rawValue) {
                known.append(invariant.name.rawValue)
            }
        }
        var invariants: [InvariantName] = []
        for item in try node.list(itemLabel: "invariant") {
            let text = try item.scalarText(expected: "an invariant name")
            guard known.contains(text) else {
                // A typo is most likely of an invariant this component has, else of any registered one.
                let suggestion = SpellingSuggestion.closest(to: text, among: applicable)
                    ?? SpellingSuggestion.closest(to: text, among: known)
                let hint = suggestion.map { "; did you mean '\($0)'?" }
                    ?? "; invariants of '\(driver.name)': \(applicable.joined(separator: ", "))"
                throw item.error("unknown invariant '\(text)'\(hint)")
            }
            guard applicable.contains(text) else {
                throw item.error("invariant '\(text)' does not apply to component '\(driver.name)'; its "
                    + "invariants: \(applicable.joined(separator: ", "))")
            }
            let invariant = InvariantName(rawValue: text)
            guard !invariants.contains(invariant) else { throw item.error("duplicate invariant '\(text)'") }
            invariants.append(invariant)
        }
        return invariants
    }
}
