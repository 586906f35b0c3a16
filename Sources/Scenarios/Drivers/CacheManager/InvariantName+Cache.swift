extension InvariantName {
    /// The cache step never runs the saving job past its timeout: the job is not killed during the put. A replay that
    /// alone overruns the timeout, or an after_script left too little time, is a transient job failure.
    public static let jobWithinTimeout: InvariantName = "job_within_timeout"
    /// Under the cache's final name on NFS there is never a partial cache: an archive is whole and matches its
    /// manifest, a directory holds every file of the saved tree at its full size.
    public static let noPartialCache: InvariantName = "no_partial_cache"
    /// After a restore, every tablespace link resolves to a directory holding `PG_<version>_<catversion>`, and
    /// PostgreSQL starts and opens the database.
    public static let tablespacesResolve: InvariantName = "tablespaces_resolve"
    /// The restored tree equals the saved one: files, modes, symlink targets (tablespace links remapped).
    public static let restoredTreeMatches: InvariantName = "restored_tree_matches"
    /// The jobs' own steps hit no EACCES.
    public static let noPermissionErrors: InvariantName = "no_permission_errors"
    /// The maintenance step finds the block log the runners have.
    public static let blockLogFound: InvariantName = "block_log_found"
}
