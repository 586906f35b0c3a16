import ChaosNet

/// What every seed of a sweep shares, built once per process: the registry's block store with the scenario's
/// packages and queue documents. A registry serves the same release to every CI run, so generating and hashing it
/// per seed would only cost time; each seed still downloads, extracts and verifies it in its own world. The store is
/// only read during seeds (no workload adds content or loses blocks).
final class ScenarioFixtures: @unchecked Sendable {
    let store = IPFSBlockStore()
    /// Packages by name, in file order.
    private(set) var packages: [(name: String, package: IPFSPackage)] = []
    /// Queue documents in enqueue order: their CID, and whether they are valid JSON.
    private(set) var documents: [(cid: String, valid: Bool)] = []

    init(scenario: ScenarioFile) throws(ScenarioRunError) {
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
        if scenario.workload.component == .downloadQueue {
            guard scenario.topology.registry != nil else {
                throw ScenarioRunError(scenario: scenario.name, message: "the download queue needs a registry")
            }
            try addDocuments(scenario)
        }
    }

    /// The package a workload fetches: the named one, or the first.
    func package(named name: String?) -> IPFSPackage? {
        guard let name else { return packages.first?.package }
        return packages.first { $0.name == name }?.package
    }

    private func addDocuments(_ scenario: ScenarioFile) throws(ScenarioRunError) {
        let queue = scenario.workload.queue
        let random = SeededRandom(seed: 0, name: "queue.documents")
        let kinds = Array(repeating: true, count: queue.documentCount)
            + Array(repeating: false, count: queue.invalidDocumentCount)
        for (index, valid) in kinds.enumerated() {
            let bytes = valid
                ? Self.validDocument(index: index, byteCount: queue.documentByteCount, random: random)
                : Array("<html><body>502 Bad Gateway: document \(index)</body></html>".utf8)
            do {
                let node = try store.add(file: bytes)
                documents.append((node.cid.description, valid))
            } catch {
                throw ScenarioRunError(scenario: scenario.name, message: "queue document \(index): \(error)")
            }
        }
    }

    /// A JSON object of about `byteCount` bytes: an index and a hex payload, so that every document has its own CID.
    static func validDocument(index: Int, byteCount: Int, random: SeededRandom) -> [UInt8] {
        let prefix = "{\"document\": \(index), \"payload\": \""
        let suffix = "\"}"
        let hexCount = max(0, byteCount - prefix.utf8.count - suffix.utf8.count)
        let digits = Array("0123456789abcdef".utf8)
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(byteCount)
        for _ in 0..<hexCount { bytes.append(digits[Int(random.uniform(below: 16))]) }
        bytes += Array(suffix.utf8)
        return bytes
    }
}
