/// The configuration of the components that fetch the scenario's registry package (`service-manager` and
/// `downloader`): how many operations one seed performs, one after another, and how the downloader behaves.
public struct PackageWorkloadConfiguration: Sendable, Equatable {
    /// Service creations for `service-manager`, downloads for `downloader` (`workload.operations`).
    public var operations: Int
    public var downloader: DownloaderConfig

    public init(operations: Int = 1, downloader: DownloaderConfig = DownloaderConfig()) {
        self.operations = operations
        self.downloader = downloader
    }

    /// The keys of `workload:` it is read from.
    static let keys = ["operations", "downloader"]
    static let operationsRange = 1...10_000

    /// Reads `workload.operations` and `workload.downloader`.
    static func decode(_ workload: WorkloadSection) throws(ScenarioFileError) -> PackageWorkloadConfiguration {
        let defaults = PackageWorkloadConfiguration()
        return PackageWorkloadConfiguration(
            operations: try workload.value("operations")?.integer(in: operationsRange) ?? defaults.operations,
            downloader: try DownloaderConfigDecoder.decode(workload.value("downloader")))
    }
}
