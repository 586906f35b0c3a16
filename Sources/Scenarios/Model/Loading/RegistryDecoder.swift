import ChaosNet

/// Reads `topology.registry:` into a `RegistrySpec`, or nil for `registry: none`.
enum RegistryDecoder {
    static let keys = ["host", "port", "packages"]
    static let packageKeys = ["name", "files", "size", "depth", "symlinks"]

    static func decode(
        _ node: LocatedNode?, hosts: [String], topology: LocatedMapping
    ) throws(ScenarioFileError) -> RegistrySpec? {
        let defaults = RegistrySpec()
        guard let node else {
            // The default registry lives on host `registry`, which a custom host list may lack.
            try TopologyDecoder.requireHost(
                defaults.host, in: hosts, at: topology.node, role: "the default registry (or write 'registry: none')")
            return defaults
        }
        if case let .scalar(scalar) = node.node {
            guard scalar.string == "none" else {
                throw node.error("expected a mapping or 'none' for registry, got \(node.summary)")
            }
            return nil
        }
        let registry = try node.mapping("registry", allowedKeys: keys)
        let hostNode = registry.value("host")
        let host = try hostNode?.identifier() ?? defaults.host
        try TopologyDecoder.requireHost(host, in: hosts, at: hostNode ?? registry.node, role: "the registry")
        let port = try registry.value("port")?.integer(in: 1...65535) ?? defaults.port
        var packages: [PackageSpec] = []
        for item in try registry.value("packages")?.list(itemLabel: "package") ?? [] {
            let package = try decodePackage(item)
            guard !packages.contains(where: { $0.name == package.name }) else {
                throw item.error("duplicate package name '\(package.name)'")
            }
            packages.append(package)
        }
        return RegistrySpec(host: host, port: port, packages: packages)
    }

    /// A package, checked against `IPFSPackageSpec`'s limits so that generating it later cannot trap.
    static func decodePackage(_ node: LocatedNode) throws(ScenarioFileError) -> PackageSpec {
        let mapping = try node.mapping("package", allowedKeys: packageKeys)
        let defaults = PackageSpec(name: "")
        let name = try mapping.required("name").identifier()
        let fileCount = try mapping.value("files")?.integer(in: 1...IPFSPackageSpec.fileCountMax) ?? defaults.fileCount
        let byteCount = try mapping.value("size")?.byteSize(in: 0...IPFSPackageSpec.byteCountMax) ?? defaults.byteCount
        let depthMax = try mapping.value("depth")?.integer(in: 0...IPFSPackageSpec.depthMaxLimit) ?? defaults.depthMax
        let symlinksNode = mapping.value("symlinks")
        let symlinkCount = try symlinksNode?.integer(in: 0...Int.max) ?? defaults.symlinkCount
        guard symlinkCount <= fileCount else {
            throw (symlinksNode ?? mapping.node).error(
                "'symlinks' must be at most the package's file count \(fileCount), got \(symlinkCount)")
        }
        return PackageSpec(
            name: name, fileCount: fileCount, byteCount: byteCount, depthMax: depthMax, symlinkCount: symlinkCount)
    }
}
