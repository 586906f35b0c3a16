/// One CI run: a JUnit file or a directory of them, with the commit it tested and when, and where each of those
/// came from (flakiness is pass and fail on the same commit, so a guessed commit must be visible as a guess).
public struct JUnitRun: Sendable, Equatable {
    /// Where a run's commit or time was taken from, most trusted first.
    public enum Provenance: String, Sendable, Codable, CaseIterable {
        /// Given on the command line (or by the caller).
        case explicit
        /// A row of the runs manifest.
        case manifest
        /// Read from the files: suite `timestamp=`, or a CI variable among the suite properties.
        case fileAttributes
        /// Nowhere: the run cannot be placed on a commit or in time.
        case unknown
    }

    public var path: String
    public var commit: String?
    public var commitSource: Provenance
    public var timestamp: RunTimestamp?
    public var timestampSource: Provenance
    public var job: String?
    /// The first `hostname=` in the run's files.
    public var hostname: String?
    public var result: JUnitReadResult

    public init(
        path: String, commit: String?, commitSource: Provenance, timestamp: RunTimestamp?,
        timestampSource: Provenance, job: String? = nil, hostname: String? = nil, result: JUnitReadResult
    ) {
        self.path = path
        self.commit = commit
        self.commitSource = commitSource
        self.timestamp = timestamp
        self.timestampSource = timestampSource
        self.job = job
        self.hostname = hostname
        self.result = result
    }
}
