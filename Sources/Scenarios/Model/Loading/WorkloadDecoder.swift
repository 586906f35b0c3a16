/// Reads `workload:` (component, variants, operations, package, start jitter, and the component configurations).
enum WorkloadDecoder {
    static let keys = ["component", "variants", "operations", "package", "start_jitter", "downloader", "queue"]
    static let operationsRange = 1...10_000

    static func decode(_ node: LocatedNode, registry: RegistrySpec?) throws(ScenarioFileError) -> WorkloadSpec {
        let mapping = try node.mapping("workload", allowedKeys: keys)
        let defaults = WorkloadSpec(component: .serviceManager)
        let componentNode = try mapping.required("component")
        let componentName = try componentNode.scalarText(expected: "a component")
        guard let component = ComponentKind(rawValue: componentName) else {
            let names = ComponentKind.allCases.map(\.rawValue)
            let hint = SpellingSuggestion.hint(for: componentName, among: names, listLabel: "components")
            throw componentNode.error("unknown component '\(componentName)'\(hint)")
        }
        var variants = defaults.variants
        if let variantsNode = mapping.value("variants") {
            variants = []
            for item in try variantsNode.list(itemLabel: "variant") {
                let variant = try VariantDecoder.decode(item)
                guard !variants.contains(variant) else { throw item.error("duplicate variant '\(variant.rawValue)'") }
                variants.append(variant)
            }
            guard !variants.isEmpty else { throw variantsNode.error("'variants' must name at least one variant") }
        }
        let operations = try mapping.value("operations")?.integer(in: operationsRange) ?? defaults.operations
        var package: String?
        if let packageNode = mapping.value("package") {
            let name = try packageNode.identifier()
            guard let registry else {
                throw packageNode.error("package '\(name)' needs a registry, but the topology has 'registry: none'")
            }
            let names = registry.packages.map(\.name)
            guard names.contains(name) else {
                let hint = names.isEmpty
                    ? "; the registry has no packages"
                    : SpellingSuggestion.hint(for: name, among: names, listLabel: "registry packages")
                throw packageNode.error("unknown package '\(name)'\(hint)")
            }
            package = name
        }
        let startJitter = try mapping.value("start_jitter")?.duration() ?? defaults.startJitter
        let downloader = try DownloaderConfigDecoder.decode(mapping.value("downloader"))
        let queue = try QueueConfigDecoder.decode(mapping.value("queue"))
        return WorkloadSpec(
            component: component, variants: variants, operations: operations, package: package,
            startJitter: startJitter, downloader: downloader, queue: queue)
    }
}
