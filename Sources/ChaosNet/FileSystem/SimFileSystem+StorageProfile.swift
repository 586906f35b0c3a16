extension SimFileSystem {
    /// What one operation costs on the storage below a mount, charged per operation rather than per command, so that
    /// the cost of a copy comes out of the calls a tool makes: the NFS figures of the cache-manager facts sheet
    /// (`facts/cache-nfs.md` §2) and a local page-cache disk.
    ///
    /// NFS follows the Linux client over knfsd: every metadata change waits for the server's stable commit on a `sync`
    /// export; written data is UNSTABLE until a COMMIT, which close-to-open semantics send at every close of a
    /// written file and before any SETATTR of a file with unflushed data; reads stream at the readahead window, or at
    /// page-cache speed when the client still holds the file.
    public struct StorageProfile: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A local file system through the page cache.
            case local
            /// An NFS client mount.
            case nfs
        }

        /// The export option that decides whether the server commits before it replies.
        public enum Export: Sendable, Equatable {
            /// The default: replies only after changes reach stable storage (exports(5)).
            case sync
            /// Replies at once and commits later: fast, and it breaks the protocol's durability promise.
            case async
        }

        public var kind: Kind
        /// The profile's name, as scenario files and reports spell it.
        public var name: String

        /// Local: one metadata call (create, chmod, rename, ...).
        public var localMetadataOperation: Duration
        /// Local: an fsync.
        public var localSync: Duration
        /// The client page cache's copy rate in one direction (a local write, or a read of cached data).
        public var pageCacheBytesPerSecond: Int

        /// NFS: one RPC round trip including server CPU, without waiting for the disk.
        public var roundTrip: Duration
        /// NFS, `sync` export: the server's stable commit of one metadata change.
        public var stableMetadataCommit: Duration
        /// NFS, `sync` export: the fixed part of a COMMIT (journal plus device flush).
        public var commitFixed: Duration
        /// NFS: the streaming rate of UNSTABLE WRITEs on the wire.
        public var wireWriteBytesPerSecond: Int
        /// NFS, `sync` export: how fast a COMMIT drains the file's unflushed data on the server; the only parameter
        /// fitted to the incident (W1 `cp -a` = 74 s).
        public var commitDrainBytesPerSecond: Int
        /// NFS: the read link's rate.
        public var wireReadBytesPerSecond: Int
        /// NFS: the client's readahead window (`read_ahead_kb`); each window costs a round trip on a cold read.
        public var readaheadBytes: Int
        /// NFS: the largest WRITE and READ payloads (`wsize`, `rsize`).
        public var transferSizeBytes: Int
        /// NFS: unflushed data the server lets accumulate before its own write-back starts (`dirty_background_bytes`);
        /// beyond it write-back keeps pace with the wire, so a COMMIT drains at most this much.
        public var serverDirtyBackgroundBytes: Int
        /// NFS: directory entries per READDIR reply.
        public var readdirEntriesPerReply: Int
        public var export: Export
        /// NFS: 3 or 4; v4 creates with one OPEN and sends a CLOSE at close.
        public var protocolVersion: Int

        /// A profile with every field given; the presets below are the usual starting points.
        public init(
            kind: Kind, name: String, localMetadataOperation: Duration = .microseconds(6),
            localSync: Duration = .milliseconds(1), pageCacheBytesPerSecond: Int = 5_500_000_000,
            roundTrip: Duration = .microseconds(300), stableMetadataCommit: Duration = .microseconds(500),
            commitFixed: Duration = .microseconds(1500), wireWriteBytesPerSecond: Int = 969_000_000,
            commitDrainBytesPerSecond: Int = 421_000_000, wireReadBytesPerSecond: Int = 1_100_000_000,
            readaheadBytes: Int = 128 << 10, transferSizeBytes: Int = 1 << 20,
            serverDirtyBackgroundBytes: Int = 256 << 20, readdirEntriesPerReply: Int = 128,
            export: Export = .sync, protocolVersion: Int = 3
        ) {
            precondition(
                pageCacheBytesPerSecond > 0 && wireWriteBytesPerSecond > 0 && commitDrainBytesPerSecond > 0
                    && wireReadBytesPerSecond > 0, "rates must be positive")
            precondition(
                readaheadBytes > 0 && transferSizeBytes > 0 && readdirEntriesPerReply > 0, "sizes must be positive")
            precondition(serverDirtyBackgroundBytes >= 0, "negative dirty threshold")
            precondition(protocolVersion == 3 || protocolVersion == 4, "NFS version 3 or 4")
            precondition(
                [localMetadataOperation, localSync, roundTrip, stableMetadataCommit, commitFixed].allSatisfy {
                    $0 >= .zero
                }, "negative latency")
            self.kind = kind
            self.name = name
            self.localMetadataOperation = localMetadataOperation
            self.localSync = localSync
            self.pageCacheBytesPerSecond = pageCacheBytesPerSecond
            self.roundTrip = roundTrip
            self.stableMetadataCommit = stableMetadataCommit
            self.commitFixed = commitFixed
            self.wireWriteBytesPerSecond = wireWriteBytesPerSecond
            self.commitDrainBytesPerSecond = commitDrainBytesPerSecond
            self.wireReadBytesPerSecond = wireReadBytesPerSecond
            self.readaheadBytes = readaheadBytes
            self.transferSizeBytes = transferSizeBytes
            self.serverDirtyBackgroundBytes = serverDirtyBackgroundBytes
            self.readdirEntriesPerReply = readdirEntriesPerReply
            self.export = export
            self.protocolVersion = protocolVersion
        }

        /// A local disk through the page cache: the host's `cp -a` of 9.9 GB in 3.6 s is 0.364 ns a byte, read plus
        /// write, so each direction runs at 5.5 GB/s; about 0.03 ms of metadata a file over some five calls.
        public static let localDisk = StorageProfile(kind: .local, name: "local_disk")

        /// A container's overlay layer over a local disk. The facts sheet has no figure for it: the metadata cost is
        /// an assumption (copy-up and whiteout bookkeeping, about three times a plain local call), data is unchanged.
        public static let containerOverlay = StorageProfile(
            kind: .local, name: "container_overlay", localMetadataOperation: .microseconds(20))

        /// NFSv3 on a `sync` export backed by an SSD or NVRAM journal, on 10 GbE, with the kernel's 128 KiB default
        /// readahead: the facts sheet's model.
        public static let nfsSync = StorageProfile(kind: .nfs, name: "nfs_sync")

        /// The same server exported `async`: metadata and COMMITs reply after one round trip.
        public static let nfsAsync = StorageProfile(kind: .nfs, name: "nfs_async", export: .async)

        /// A `sync` export on spinning disks: a stable metadata commit 5 ms, a server fsync 8 ms (facts sheet §3).
        public static let nfsSyncHDD = StorageProfile(
            kind: .nfs, name: "nfs_sync_hdd", stableMetadataCommit: .milliseconds(5), commitFixed: .milliseconds(8))

        /// The presets by name.
        public static let presets: [StorageProfile] = [.localDisk, .containerOverlay, .nfsSync, .nfsAsync, .nfsSyncHDD]

        // MARK: - Costs

        /// A metadata operation: a lookup-like RPC is one round trip, a change waits for the stable commit on a
        /// `sync` export.
        func metadataCost(_ operation: StorageOperation) -> Duration {
            guard kind == .nfs else { return localMetadataOperation }
            switch operation {
            case .create, .setattr, .rename, .mkdir, .symlink, .remove:
                return export == .sync ? roundTrip + stableMetadataCommit : roundTrip
            case .lookup, .getattr, .access, .readlink, .readdir, .close, .commit, .write, .read:
                return roundTrip
            }
        }

        /// Streaming `byteCount` bytes out: UNSTABLE WRITEs on the wire, or a page-cache copy.
        func writeCost(_ byteCount: Int) -> Duration {
            Self.transfer(byteCount, at: kind == .nfs ? wireWriteBytesPerSecond : pageCacheBytesPerSecond)
        }

        /// A COMMIT (or a local fsync) that finds `unflushedBytes` not yet on the server's stable storage.
        func commitCost(unflushedBytes: Int) -> Duration {
            guard kind == .nfs else { return localSync }
            guard export == .sync else { return roundTrip }
            return roundTrip + commitFixed + Self.transfer(unflushedBytes, at: commitDrainBytesPerSecond)
        }

        /// Reading `byteCount` bytes: from the page cache if `cached`, else one round trip per readahead window plus
        /// the link's transfer.
        func readCost(_ byteCount: Int, cached: Bool) -> Duration {
            guard kind == .nfs, !cached else { return Self.transfer(byteCount, at: pageCacheBytesPerSecond) }
            let windows = (byteCount + readaheadBytes - 1) / readaheadBytes
            return roundTrip * windows + Self.transfer(byteCount, at: wireReadBytesPerSecond)
        }

        /// The WRITE or READ RPCs that carry `byteCount` bytes (a cold read goes window by window).
        func transferOperations(_ byteCount: Int, reading: Bool) -> Int {
            let size = reading ? min(transferSizeBytes, readaheadBytes) : transferSizeBytes
            return (byteCount + size - 1) / size
        }

        /// The unflushed data a file holds after `byteCount` more bytes: beyond the server's background threshold its
        /// own write-back keeps up with the wire.
        func unflushed(after current: Int, adding byteCount: Int) -> Int {
            kind == .nfs ? min(current + byteCount, serverDirtyBackgroundBytes) : 0
        }

        static func transfer(_ byteCount: Int, at bytesPerSecond: Int) -> Duration {
            byteCount > 0 ? .seconds(byteCount) / bytesPerSecond : .zero
        }
    }
}
