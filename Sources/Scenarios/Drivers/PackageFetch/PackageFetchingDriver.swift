/// A driver whose component fetches the scenario's registry package, `operations` times: what the service manager's
/// and the downloader's drivers share (their keys, their decoder, their defaults, what they need from the world).
protocol PackageFetchingDriver: ComponentDriver where Configuration == PackageWorkloadConfiguration {}

extension PackageFetchingDriver {
    public var capabilities: DriverCapabilities { [.needsRegistryPackage] }
    public var configurationKeys: [String] { PackageWorkloadConfiguration.keys }
    public var defaultConfiguration: PackageWorkloadConfiguration { PackageWorkloadConfiguration() }

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError)
        -> PackageWorkloadConfiguration
    {
        try PackageWorkloadConfiguration.decode(workload)
    }
}
