/// What a `put` did.
public enum CachePutOutcome: Sendable, Equatable {
    /// Published on NFS (robust: the archive; naive: the directory).
    case savedToNFS
    /// NFS was unavailable or failed; the tree was kept in the runner's local cache only.
    case savedLocally
    /// Not saved: the estimate did not fit in the time left (robust), or every copy failed.
    case skipped(reason: String)
}

/// Where a `get` found the cache.
public enum CacheGetOutcome: Sendable, Equatable {
    case restoredFromArchive
    /// From a directory on NFS: the naive manager's format, and the legacy one the robust manager still reads.
    case restoredFromDirectory
    case restoredFromLocal
    /// Nothing usable: the job starts cold.
    case miss
}
