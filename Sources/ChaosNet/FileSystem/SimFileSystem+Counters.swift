extension SimFileSystem {
    /// What the file system was asked to do, for reports: every attempted operation counts, failed or not.
    public struct Counters: Sendable, Equatable {
        /// Operations charged `Latency.metadataOperation` (each entry unlinked by `removeTree` counts).
        public var metadataOperations = 0
        /// Operations that opened a file.
        public var fileOpens = 0
        /// Bytes accepted into files (a partial write counts what fitted).
        public var bytesWritten = 0
        /// Bytes returned by reads.
        public var bytesRead = 0
        public var fileSyncs = 0
        public var directorySyncs = 0
        /// Operations failed by an `operationError` fault of the plan.
        public var injectedFailures = 0
        public var crashes = 0
        /// The virtual time charged by all operations together (concurrent operations overlap in real time).
        public var latencyTotal: Duration = .zero

        public init() {}
    }
}
