import ChaosComponents

/// The downloader's configuration (`workload.downloader:`): the naive variant's single read timeout, and the robust
/// variant's retry policy.
public struct DownloaderConfig: Sendable, Equatable {
    /// The only timeout of the naive variant (the Python client's socket read timeout).
    public var naiveReadTimeout: Duration
    public var policy: DownloadRetryPolicy

    public init(naiveReadTimeout: Duration = .seconds(30), policy: DownloadRetryPolicy = DownloadRetryPolicy()) {
        self.naiveReadTimeout = naiveReadTimeout
        self.policy = policy
    }
}
