import ChaosComponents

/// The CI cache manager's driver: a job replays, saves its data directory tree to the NFS cache within its timeout,
/// and a later job on another runner restores it, starts PostgreSQL on it and runs the maintenance step.
public struct CacheManagerDriver: ComponentDriver {
    public let name = "cache-manager"
    public let summary = "Saves a CI job's PostgreSQL tree to an NFS cache within the job's timeout and restores it."
    public let variants = CacheVariant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(.jobWithinTimeout, "The cache put never runs the saving job past its timeout."),
        InvariantDescriptor(
            .noPartialCache, "No partial cache under the final name on NFS, whatever is killed when."),
        InvariantDescriptor(
            .tablespacesResolve, "After restore every pg_tblspc link resolves and PostgreSQL opens the database."),
        InvariantDescriptor(.restoredTreeMatches, "The restored tree equals the saved one (files, modes, links)."),
        InvariantDescriptor(.noPermissionErrors, "The jobs' own steps hit no EACCES."),
        InvariantDescriptor(.blockLogFound, "The maintenance step finds the runners' block log."),
    ]
    public let configurationKeys = ["cache"]
    public let defaultConfiguration = CacheConfig()

    public init() {}

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> CacheConfig {
        try CacheConfigDecoder.decode(workload.value("cache"))
    }

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        try CacheWorkload(world: context.world, variant: context.variant, config: context.configuration)
    }
}
