import ChaosComponents
import ChaosNet

/// The invariants of service creation, checked over the file system and the manager's records.
public enum ServiceManagerInvariants {
    /// Violations of: no partial service directories (each `/services/<id>` is exactly its template's package or
    /// absent), no burned ids (successful creations hold ids 1…n and the counter says n), no staging leftovers, and
    /// no unhandled error (every call was answered by the component, not by the framework's catch-all).
    public static func check(
        fileSystem: any FileSystem, servicesRoot: String, counterPath: String, records: [ServiceCreationRecord]
    ) async -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        func partial(_ message: String) { violations.append(InvariantViolation(.noPartialDirectories, message)) }
        func burned(_ message: String) { violations.append(InvariantViolation(.noBurnedIDs, message)) }
        let names = (try? await fileSystem.listDirectory(at: servicesRoot)) ?? []
        for name in names where !name.contains(".staging-") {
            let path = FileSystemPath.joining(servicesRoot, name)
            guard let id = Int(name), let record = records.last(where: { $0.id == id }) else {
                partial("partial service directory: \(path) belongs to no creation")
                continue
            }
            if let mismatch = await PackageTreeVerifier.mismatch(
                at: path, in: fileSystem, expected: record.template.hash)
            {
                partial("partial service directory: \(mismatch)")
            }
            if !record.succeeded {
                partial("partial service directory: \(path) left by a failed creation")
            }
        }
        for record in records where record.succeeded {
            if let id = record.id, !names.contains(String(id)) {
                partial("service \(id) reported created but \(servicesRoot)/\(id) is missing")
            }
        }
        violations += await DownloaderInvariants.stagingLeftovers(fileSystem: fileSystem, directory: servicesRoot)
        let ids = records.filter(\.succeeded).compactMap(\.id).sorted()
        if ids != (0..<ids.count).map({ $0 + 1 }) {
            burned("burned ids: successful creations hold ids \(ids), not 1…\(ids.count)")
        }
        let counter = await readCounter(fileSystem: fileSystem, path: counterPath)
        if counter != ids.count {
            burned("burned ids: the counter is at \(counter) after \(ids.count) successful creation(s)")
        }
        for (index, record) in records.enumerated() {
            if let escaped = record.escapedError {
                violations.append(InvariantViolation(
                    .noEscapedErrors, "unhandled error in creation \(index + 1): \(escaped)"))
            }
        }
        return violations
    }

    static func readCounter(fileSystem: any FileSystem, path: String) async -> Int {
        guard let bytes = try? await fileSystem.readFile(at: path) else { return 0 }
        return Int(String(decoding: bytes.filter { $0 != 10 }, as: UTF8.self)) ?? -1
    }
}
