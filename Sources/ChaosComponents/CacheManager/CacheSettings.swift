/// Where the cache manager keeps caches, and how it budgets a save.
public struct CacheSettings: Sendable, Equatable {
    /// The shared NFS cache directory (the incident's `/nfs/ci-cache`); a cache is a directory below it per key.
    public var nfsRoot: String
    /// The runner's local cache directory (`/cache`); a cache is `<localRoot>/<key>`.
    public var localRoot: String
    /// The archive write rate the budget check assumes (bytes per second). The incident measured 760 MB/s for the
    /// tar archive PUT; a conservative default leaves room for a slower server.
    public var estimatedArchiveBytesPerSecond: Int
    /// The time kept free after a save, for after_script and the upload of artifacts.
    public var budgetMargin: Duration
    /// The data directory's name inside a cached tree, whose mode PostgreSQL requires to be 0700 or 0750.
    public var dataDirectoryName: String

    public init(
        nfsRoot: String = "/nfs/ci-cache", localRoot: String = "/cache",
        estimatedArchiveBytesPerSecond: Int = 400_000_000, budgetMargin: Duration = .seconds(60),
        dataDirectoryName: String = "pgdata"
    ) {
        precondition(estimatedArchiveBytesPerSecond > 0 && budgetMargin >= .zero, "invalid cache budget")
        self.nfsRoot = nfsRoot
        self.localRoot = localRoot
        self.estimatedArchiveBytesPerSecond = estimatedArchiveBytesPerSecond
        self.budgetMargin = budgetMargin
        self.dataDirectoryName = dataDirectoryName
    }

    /// The NFS directory of one cache.
    public func nfsDirectory(_ key: String) -> String { nfsRoot + "/" + key }
    /// The archive of one cache, as published.
    public func archivePath(_ key: String) -> String { nfsDirectory(key) + "/cache.tar" }
    /// The manifest that describes the archive.
    public func manifestPath(_ key: String) -> String { nfsDirectory(key) + "/cache.manifest" }
    /// The runner-local cache of one key.
    public func localPath(_ key: String) -> String { localRoot + "/" + key }
}
