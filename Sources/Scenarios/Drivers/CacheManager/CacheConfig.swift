import ChaosComponents
import ChaosNet

/// The cache manager's workload (`workload.cache:`): the tree a job saves, the job's time budget and phases, and how
/// the world varies from seed to seed (the server's disks, which runner restores, kills, an old-format cache).
public struct CacheConfig: Sendable, Equatable {
    /// The tree the saving job caches.
    public var dataset = CacheDataset.w1
    /// The job's timeout: at it the job is killed wherever it is.
    public var jobTimeout: Duration = .seconds(3600)
    /// The replay before the cache step, sampled per seed from a normal distribution (cut at zero).
    public var replayMean: Duration = .seconds(3340)
    public var replayDeviation: Duration = .seconds(120)
    /// The job's after_script, which runs after the cache step inside the same timeout.
    public var afterScript: Duration = .seconds(10)
    /// The share of seeds whose NFS server is HDD-backed (`nfs_sync_hdd` instead of the mount's own profile).
    public var hddServerFraction = 0.0
    /// The share of seeds whose restoring job runs on the saving job's runner (so its local cache is there).
    public var sameRunnerFraction = 0.0
    /// The share of seeds whose runner is killed during the put, at a moment drawn uniformly in its first
    /// `killWindow`.
    public var killDuringPutFraction = 0.0
    public var killWindow: Duration = .seconds(60)
    /// The share of seeds whose restoring job asks for a key that only an old manager saved, as a directory.
    public var legacyCacheFraction = 0.0
    /// Where the runners keep the 5M-block block log.
    public var blockLogDirectory = "/cache/blockchain/block_log_5m"
    /// The manager's settings (roots, budget rate and margin).
    public var settings = CacheSettings()

    public init() {}
}
