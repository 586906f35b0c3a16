import ChaosNet

/// The invariants of a package download, checked after it returned or threw.
public enum DownloaderInvariants {
    /// Violations: `target` exists but is not exactly the package `cid` (a partial extraction), or a staging
    /// directory `<target>.staging-<n>` is left beside it. A download that succeeded must also have left the package.
    public static func check(
        fileSystem: any FileSystem, target: String, cid: String, succeeded: Bool
    ) async -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        if await fileSystem.exists(at: target, followSymlinks: false) {
            if let mismatch = await PackageTreeVerifier.mismatch(at: target, in: fileSystem, expected: cid) {
                violations.append(InvariantViolation(.noPartialDirectories, "partial download: \(mismatch)"))
            }
        } else if succeeded {
            violations.append(InvariantViolation(
                .noPartialDirectories, "download reported success but \(target) does not exist"))
        }
        violations += await stagingLeftovers(fileSystem: fileSystem, directory: FileSystemPath.parent(of: target))
        return violations
    }

    /// Every `*.staging-*` entry directly in `directory`.
    public static func stagingLeftovers(fileSystem: any FileSystem, directory: String) async -> [InvariantViolation] {
        guard let names = try? await fileSystem.listDirectory(at: directory) else { return [] }
        return names.filter { $0.contains(".staging-") }.map {
            InvariantViolation(.noStagingLeftovers, "staging leftover: \(FileSystemPath.joining(directory, $0))")
        }
    }
}
