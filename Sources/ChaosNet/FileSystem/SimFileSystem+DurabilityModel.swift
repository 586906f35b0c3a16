extension SimFileSystem {
    /// Which changes survive `crash()`.
    ///
    /// In both models, file data survives only once synced: a file's durable content is what its last `sync()` saw,
    /// cut by any later truncation (truncation is metadata, so it is journaled). Renames, creations, unlinks and
    /// permission changes are journaled and survive in `journaledMetadata`, as on ext4 or XFS; this is what makes a
    /// file that was written, renamed into place and never synced come back EMPTY after a crash.
    public enum DurabilityModel: Sendable, Equatable {
        /// Directory operations are durable as soon as they return.
        case journaledMetadata
        /// A directory's entries are durable only as of its last `syncDirectory` (as on ext2 or with some NFS
        /// setups): a created or renamed name that was not synced in its directory disappears or reverts in a crash.
        /// State set up before the scenario must be made durable with `checkpoint()`.
        case strictDirectories
    }

    /// A directory below which another durability model applies, as a different file system mounted there would:
    /// `/var/lib/queue` on a strict-directories volume under a journaled root, say. A directory created at a mount
    /// point takes the mount's model, and every other directory its parent's; renaming a directory keeps its model.
    ///
    /// A mount with a `storage` profile charges the operations on paths below it (by the path as given, before
    /// symlinks) per operation as that profile says, instead of the file system's flat `latency`.
    public struct Mount: Sendable, Equatable {
        /// An absolute path without `.`, `..` or a trailing slash.
        public var path: String
        public var durability: DurabilityModel
        /// The per-operation costs below the mount; nil for the file system's `latency`.
        public var storage: StorageProfile?

        public init(path: String, durability: DurabilityModel = .journaledMetadata, storage: StorageProfile? = nil) {
            self.path = path
            self.durability = durability
            self.storage = storage
        }
    }
}
