import ChaosComponents

/// The downloader's driver: `IPFSDownloader.download(cid:into:)` alone, `operations` times, each into its own target.
public struct DownloaderDriver: PackageFetchingDriver {
    public let name = "downloader"
    public let summary = "A package download from the IPFS registry (Kubo's get), extracted into a target directory."
    public let variants = IPFSDownloader.Variant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(.noPartialDirectories, "Every target directory holds exactly the package, or is absent."),
        InvariantDescriptor(.noEscapedErrors, "Every failure is a typed DownloadError, never a raw error."),
        InvariantDescriptor(.noStagingLeftovers, "No staging directory is left beside a target."),
    ]

    public init() {}

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        DownloadWorkload(world: context.world, variant: context.variant, configuration: context.configuration)
    }
}
