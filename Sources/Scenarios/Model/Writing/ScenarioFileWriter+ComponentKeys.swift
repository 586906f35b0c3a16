import Yams

extension ScenarioFileWriter {
    /// The component's own keys of `workload:`, as `source` writes them. Without a source, the configuration must be
    /// the driver's default (there is then nothing to write).
    func componentKeys(of scenario: ScenarioFile, source: String?) throws(ScenarioWriteError) -> [(String, Node)] {
        let component = scenario.workload.component
        guard let driver = drivers.driver(named: component) else {
            throw ScenarioWriteError("no driver is registered for component '\(component)'")
        }
        guard let source else {
            let defaults = WorkloadSpec(component: component, configuration: driver.defaultConfiguration)
            let given = WorkloadSpec(component: component, configuration: scenario.workload.configuration)
            guard scenario.workload.configuration == nil || given == defaults else {
                throw ScenarioWriteError("the '\(component)' workload's configuration can only be written from the "
                    + "text it was loaded from; pass the source file")
            }
            return []
        }
        let root: LocatedNode
        do {
            root = try YAMLComposer.compose(source, path: "<source>")
        } catch {
            throw ScenarioWriteError("the source text does not parse: \(error)")
        }
        guard case let .mapping(top) = root.node,
              let workload = top.first(where: { $0.key.string == "workload" })?.value,
              case let .mapping(keys) = workload
        else { return [] }
        return keys.compactMap { key, value in
            guard let name = key.string, driver.configurationKeys.contains(name) else { return nil }
            return (name, Self.restoringFlowStyle(value))
        }
    }

    /// `value` with its small collections of scalars in flow style. Yams' parser takes a collection's style from its
    /// end event, which has none (Yams 6), so every collection comes back as "any", which libyaml writes in block
    /// style; a few scalars were most likely one line in the file.
    static func restoringFlowStyle(_ value: Node) -> Node {
        switch value {
        case var .mapping(mapping):
            let pairs = mapping.map { ($0.key, restoringFlowStyle($0.value)) }
            mapping = Node.Mapping(pairs, mapping.tag, style(for: pairs.map(\.1)), mapping.mark)
            return .mapping(mapping)
        case var .sequence(sequence):
            let items = sequence.map(restoringFlowStyle)
            let style: Node.Sequence.Style = flowFits(items) ? .flow : .block
            sequence = Node.Sequence(items, sequence.tag, style, sequence.mark)
            return .sequence(sequence)
        case .scalar, .alias:
            return value
        }
    }

    private static func style(for values: [Node]) -> Node.Mapping.Style {
        flowFits(values) ? .flow : .block
    }

    /// Up to six scalars fit on a line of a file; more read better one per line.
    private static func flowFits(_ values: [Node]) -> Bool {
        values.count <= 6 && values.allSatisfy(\.isScalar)
    }
}

extension Node {
    fileprivate var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }
}
