/// The CI cache manager's variants.
public enum CacheVariant: String, CaseIterable, Sendable {
    /// The incident's: relax the data directory's permissions, `cp -a` the tree to the runner's local cache, then
    /// `rsync -r` it to NFS (which skips the tablespace symlinks); get copies the directory back, restores mode 0700
    /// and lists the data directory for debugging; the maintenance step hard-codes `/blockchain/block_log_5m`.
    case naive
    /// The fix: one tar archive written on NFS as `cache.tar.tmp` and renamed (no reader sees a partial one), a
    /// manifest to verify it, a symlink as the local reference, a budget check before saving, get by archive, then
    /// legacy directory, then local copy, tablespace links remapped after restore, permissions restored, and a
    /// configurable block-log path with a default and a clear error.
    case robust
}
