import ChaosComponents
import ChaosNet

/// Downloads of the scenario's package with the downloader alone, each into its own target directory; the run
/// fails at the first download that throws.
final class DownloadWorkload: ScenarioWorkload {
    let world: ScenarioWorld
    let downloader: IPFSDownloader
    let cid: String
    let operations: Int
    /// Every target written so far and whether its download succeeded, for the invariant checks.
    private var targets: [(path: String, succeeded: Bool)] = []
    /// Errors thrown that are not the downloader's typed `DownloadError`: what escapes a naive client.
    private var rawErrors: [String] = []

    init(world: ScenarioWorld, variant: VariantName, configuration: PackageWorkloadConfiguration) {
        self.world = world
        downloader = world.makeDownloader(variant, config: configuration.downloader)
        cid = world.requiredPackage.cid.description
        operations = configuration.operations
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        for operation in 1...operations {
            let target = "/srv/packages/package-\(pass + 1)-\(operation)"
            do {
                try await downloader.download(cid: cid, into: target)
                targets.append((target, true))
                world.simulation.trace("workload", "download \(operation)/\(operations) (run \(pass + 1)): done")
            } catch {
                targets.append((target, false))
                if !(error is DownloadError) { rawErrors.append("\(type(of: error)): \(error)") }
                let cause = ErrorCause.name(of: error)
                world.simulation.trace("workload", "download \(operation)/\(operations) (run \(pass + 1)): \(cause)")
                return WorkloadFailure(
                    cause: cause, summary: "download failed: \(cause)",
                    detail: "download \(operation) of \(operations) into \(target): \(error)")
            }
        }
        return nil
    }

    func violations() async -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for target in targets {
            let found = await DownloaderInvariants.check(
                fileSystem: world.fileSystem, target: target.path, cid: cid, succeeded: target.succeeded)
            for violation in found where !violations.contains(violation) { violations.append(violation) }
        }
        for error in rawErrors {
            violations.append(InvariantViolation(.noEscapedErrors, "raw error escaped: \(error)"))
        }
        return violations
    }
}
