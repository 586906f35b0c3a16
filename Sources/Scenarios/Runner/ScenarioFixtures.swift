import ChaosNet

/// What every seed of a sweep shares, built once per process: the registry's block store with the scenario's
/// packages (drivers add their own content through `ComponentDriver.makeFixtures`). A registry serves the same
/// release to every CI run, so generating and hashing it per seed would only cost time; each seed still downloads,
/// extracts and verifies it in its own world. The store is only read during seeds (no workload adds content or
/// loses blocks).
final class ScenarioFixtures: @unchecked Sendable {
    let store = IPFSBlockStore()
    /// Packages by name, in file order.
    private(set) var packages: [(name: String, package: IPFSPackage)] = []
    let hasRegistry: Bool

    init(scenario: ScenarioFile) throws(ScenarioRunError) {
        hasRegistry = scenario.topology.registry != nil
        for spec in scenario.topology.registry?.packages ?? [] {
            let packageSpec = IPFSPackageSpec(
                fileCount: spec.fileCount, byteCount: spec.byteCount, depthMax: spec.depthMax,
                symlinkCount: spec.symlinkCount)
            do {
                // The content depends only on the package's name and shape, never on the seed.
                let random = SeededRandom(seed: 0, name: "package.\(spec.name)")
                let package = try store.seedPackage(packageSpec, random: random)
                packages.append((spec.name, package))
            } catch {
                throw ScenarioRunError(scenario: scenario.name, message: "package '\(spec.name)': \(error)")
            }
        }
    }

    /// The store drivers add content to, nil without a registry.
    var registryStore: IPFSBlockStore? { hasRegistry ? store : nil }

    /// The package a workload fetches: the named one, or the first.
    func package(named name: String?) -> IPFSPackage? {
        guard let name else { return packages.first?.package }
        return packages.first { $0.name == name }?.package
    }
}
