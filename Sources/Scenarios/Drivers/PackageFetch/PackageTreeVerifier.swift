import ChaosNet

/// Computes the CID of a directory tree in a `FileSystem`, with the import options a CID's version implies.
public enum PackageTreeVerifier {
    /// The CID of the tree at `path`, or a message saying why it could not be computed.
    public static func cid(of path: String, in fileSystem: any FileSystem, version: CID.Version)
        async -> Result<CID, InvariantFailure>
    {
        let importer = UnixFSTreeImporter(options: UnixFSImportOptions(cidVersion: version), includeHidden: true)
        do {
            return .success(try await importer.importItem(at: path, in: fileSystem).cid)
        } catch {
            return .failure(InvariantFailure(message: "cannot import \(path): \(error)"))
        }
    }

    /// Whether the tree at `path` is exactly the package `expected` (a CID string); nil when it is, else why not.
    public static func mismatch(at path: String, in fileSystem: any FileSystem, expected: String) async -> String? {
        guard let cid = try? CID(expected) else { return "\(expected) is not a CID" }
        switch await self.cid(of: path, in: fileSystem, version: cid.version) {
        case let .success(actual): return actual == cid ? nil : "\(path) has CID \(actual), expected \(cid)"
        case let .failure(failure): return failure.message
        }
    }
}

/// Why an invariant could not be evaluated.
public struct InvariantFailure: Error, Sendable, Equatable {
    public var message: String
}
