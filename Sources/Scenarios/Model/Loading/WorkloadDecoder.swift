/// Reads `workload:`: the component (looked up in the driver registry), its variants, the package it fetches, the
/// start jitter, and — through the component's driver — the component's own keys.
enum WorkloadDecoder {
    /// The keys every workload may have; `package` too for drivers that fetch a registry package.
    static let commonKeys = ["component", "variants", "start_jitter"]
    static let packageKey = "package"

    static func decode(
        _ node: LocatedNode, topology: TopologySpec, drivers: DriverRegistry
    ) throws(ScenarioFileError) -> (workload: WorkloadSpec, driver: any ComponentDriver) {
        let mapping = try node.mapping("workload", allowedKeys: nil)
        let componentNode = try mapping.required("component")
        let componentName = try componentNode.scalarText(expected: "a component")
        guard let driver = drivers.driver(named: componentName) else {
            let hint = SpellingSuggestion.hint(for: componentName, among: drivers.names, listLabel: "components")
            throw componentNode.error("unknown component '\(componentName)'\(hint)")
        }
        let fetchesPackage = driver.capabilities.contains(.needsRegistryPackage)
        let allowed = commonKeys + (fetchesPackage ? [packageKey] : []) + driver.configurationKeys
        try rejectKeys(of: mapping, notIn: allowed, driver: driver, drivers: drivers)
        let variants = try decodeVariants(mapping.value("variants"), driver: driver)
        var package: String?
        if let packageNode = mapping.value(packageKey) {
            package = try decodePackage(packageNode, registry: topology.registry)
        }
        let startJitter = try mapping.value("start_jitter")?.duration() ?? .zero
        let configuration = try driver.decodeConfiguration(WorkloadSection(mapping: mapping, topology: topology))
        let workload = WorkloadSpec(
            component: driver.name, variants: variants, package: package, startJitter: startJitter,
            configuration: configuration)
        return (workload, driver)
    }

    /// Refuses keys the component does not read; a key another component reads says whose it is.
    private static func rejectKeys(
        of mapping: LocatedMapping, notIn allowed: [String], driver: any ComponentDriver, drivers: DriverRegistry
    ) throws(ScenarioFileError) {
        for entry in mapping.entries where !allowed.contains(entry.key) {
            let owners = drivers.drivers.filter {
                $0.configurationKeys.contains(entry.key)
                    || (entry.key == packageKey && $0.capabilities.contains(.needsRegistryPackage))
            }
            if let owner = owners.first {
                let own = allowed.filter { !commonKeys.contains($0) }
                throw entry.keyNode.error(
                    "'\(entry.key)' is a key of component '\(owner.name)', not of '\(driver.name)'; "
                        + (own.isEmpty ? "'\(driver.name)' reads no keys of its own"
                            : "'\(driver.name)' reads: \(own.joined(separator: ", "))"))
            }
            let hint = SpellingSuggestion.hint(for: entry.key, among: allowed, listLabel: "allowed keys")
            throw entry.keyNode.error("unknown key '\(entry.key)' in workload\(hint)")
        }
    }

    /// The listed variants, each one the driver declares and at most once; every declared variant when absent.
    private static func decodeVariants(
        _ node: LocatedNode?, driver: any ComponentDriver
    ) throws(ScenarioFileError) -> [VariantName] {
        guard let node else { return driver.variants }
        var variants: [VariantName] = []
        for item in try node.list(itemLabel: "variant") {
            let variant = try decodeVariant(item, of: driver)
            guard !variants.contains(variant) else { throw item.error("duplicate variant '\(variant)'") }
            variants.append(variant)
        }
        guard !variants.isEmpty else { throw node.error("'variants' must name at least one variant") }
        return variants
    }

    /// One variant name, which the driver must declare.
    static func decodeVariant(_ node: LocatedNode, of driver: any ComponentDriver) throws(ScenarioFileError)
        -> VariantName
    {
        let names = driver.variants.map(\.rawValue)
        let text = try node.scalarText(expected: "a variant (\(names.joined(separator: " or ")))")
        guard names.contains(text) else {
            let hint = SpellingSuggestion.hint(for: text, among: names, listLabel: "variants of '\(driver.name)'")
            throw node.error("unknown variant '\(text)'\(hint)")
        }
        return VariantName(text)
    }

    private static func decodePackage(_ node: LocatedNode, registry: RegistrySpec?) throws(ScenarioFileError)
        -> String
    {
        let name = try node.identifier()
        guard let registry else {
            throw node.error("package '\(name)' needs a registry, but the topology has 'registry: none'")
        }
        let names = registry.packages.map(\.name)
        guard names.contains(name) else {
            let hint = names.isEmpty
                ? "; the registry has no packages"
                : SpellingSuggestion.hint(for: name, among: names, listLabel: "registry packages")
            throw node.error("unknown package '\(name)'\(hint)")
        }
        return name
    }
}
