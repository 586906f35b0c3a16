extension SimFileSystem {
    /// How long operations take in virtual time, to model a slow network file system against a local disk.
    ///
    /// Each operation sleeps once on the injected clock before it takes effect: pure metadata operations (mkdir,
    /// symlink, readlink, stat, chmod, unlink, rename, readdir) cost `metadataOperation`; operations that open a file
    /// (write, read, open for writing, sync by path) cost `fileOpen` plus the transfer of their bytes at
    /// `bytesPerSecond`; an append through an open handle costs `appendCall` plus its transfer; an fsync of a file or
    /// directory costs `fileSync`.
    public struct Latency: Sendable, Equatable {
        /// One metadata round trip (mkdir, stat, rename, unlink, ...).
        public var metadataOperation: Duration
        /// Opening a file, before any data moves.
        public var fileOpen: Duration
        /// One fsync of a file or a directory.
        public var fileSync: Duration
        /// Data throughput; nil means transfers are instantaneous.
        public var bytesPerSecond: Int?
        /// One `write(2)` through an open handle, before its bytes move.
        public var appendCall: Duration

        /// Creates a latency model; every part defaults to free.
        public init(
            metadataOperation: Duration = .zero, fileOpen: Duration = .zero, fileSync: Duration = .zero,
            bytesPerSecond: Int? = nil, appendCall: Duration = .zero
        ) {
            precondition(bytesPerSecond.map { $0 > 0 } ?? true, "throughput must be positive")
            precondition(
                metadataOperation >= .zero && fileOpen >= .zero && fileSync >= .zero && appendCall >= .zero,
                "negative latency")
            self.metadataOperation = metadataOperation
            self.fileOpen = fileOpen
            self.fileSync = fileSync
            self.bytesPerSecond = bytesPerSecond
            self.appendCall = appendCall
        }

        /// Every operation completes without suspending.
        public static let none = Latency()

        /// A local SSD: metadata in tens of microseconds, about 1 GB/s.
        public static let localDisk = Latency(
            metadataOperation: .microseconds(20), fileOpen: .microseconds(30), fileSync: .milliseconds(1),
            bytesPerSecond: 1_000_000_000
        )

        /// An SSD under a journal: a write call 50 µs plus 1 GiB/s, an fsync 2 ms (the egress-receipts facts sheet).
        public static let ssd = Latency(
            metadataOperation: .microseconds(50), fileOpen: .microseconds(50), fileSync: .milliseconds(2),
            bytesPerSecond: 1 << 30, appendCall: .microseconds(50)
        )

        /// A spinning disk: as `ssd` but an fsync costs 15 ms (no more than ~60 synced commits a second).
        public static let hdd = Latency(
            metadataOperation: .microseconds(50), fileOpen: .microseconds(50), fileSync: .milliseconds(15),
            bytesPerSecond: 1 << 30, appendCall: .microseconds(50)
        )

        /// A flat approximation of an NFS mount, per call rather than per NFS procedure: streaming one file at
        /// 760 MB/s, a file open 15 ms and each further metadata call 4 ms, so that a `cp -a`-style copy of one file
        /// costs about the incident's 27 ms. For costs that come out of the operations (close-to-open COMMITs, the
        /// SETATTR barrier, readahead, the page cache), give a `Mount` the `StorageProfile.nfsSync` profile instead.
        public static let nfs = Latency(
            metadataOperation: .milliseconds(4), fileOpen: .milliseconds(15), fileSync: .milliseconds(10),
            bytesPerSecond: 760_000_000
        )

        /// The time to move `byteCount` bytes at `bytesPerSecond`.
        public func transfer(_ byteCount: Int) -> Duration {
            guard let bytesPerSecond, byteCount > 0 else { return .zero }
            // Duration divides its 128-bit attosecond count exactly, so large transfers do not overflow.
            return .seconds(byteCount) / bytesPerSecond
        }
    }
}
