import ChaosComponents
import ChaosNet

extension ScenarioWorld {
    /// The downloader in `variant` (naive or robust), configured from `config`, over this world's HTTP client, file
    /// system, clock and a seeded stream for its jitter.
    func makeDownloader(_ variant: VariantName, config: DownloaderConfig) -> IPFSDownloader {
        let downloader = IPFSDownloader(
            variant: variant.component(IPFSDownloader.Variant.self), http: client, fileSystem: fileSystem,
            clock: simulation.clock, random: simulation.random("downloader.jitter"),
            registryAuthority: registryAuthority, policy: config.policy)
        downloader.naiveReadTimeout = config.naiveReadTimeout
        return downloader
    }

    /// The workload's registry package, which `UnmetRequirement` guarantees for drivers that declare
    /// `needsRegistryPackage` before any seed runs.
    var requiredPackage: IPFSPackage {
        guard let package else { preconditionFailure("the runner checks that the workload's package exists") }
        return package
    }
}
