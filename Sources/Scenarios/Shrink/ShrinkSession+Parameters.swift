/// The step on a fault's kind: each parameter made absent, or as small as still fails (`FaultParameter`).
extension ShrinkSession {
    func simplifyParameters(at index: Int) {
        for name in FaultParameter.parameters(of: current.entries[index]).map(\.name) where !exhausted {
            simplifyParameter(named: name, ofFaultAt: index)
        }
    }

    private func simplifyParameter(named name: String, ofFaultAt index: Int) {
        let entry = current.entries[index]
        // Rebuilt from the current fault each time, so that the other parameters keep their kept values.
        func parameter() -> FaultParameter? {
            FaultParameter.parameters(of: current.entries[index]).first { $0.name == name }
        }
        guard let original = parameter() else { return }
        func candidate(_ value: Int64?) -> FaultPlanSpec {
            guard let parameter = parameter() else { return current }
            return current.replacing(index, with: parameter.rebuild(value))
        }
        let change = { (value: Int64?) in
            self.note("\(entry.name): \(name) \(original.text(original.value)) → \(original.text(value))")
        }
        if original.isOptional, original.value != nil, attempt(candidate(nil)) {
            change(nil)
            return
        }
        guard let value = original.value, value > original.minimum else { return }
        let minimumPasses = !attempt(candidate(original.minimum))
        let smallest = minimumPasses
            ? bisect(from: value, toward: original.minimum, targetPasses: true, round: original.rounded) {
                candidate($0)
            }
            : original.minimum
        if smallest != value { change(smallest) }
    }
}
