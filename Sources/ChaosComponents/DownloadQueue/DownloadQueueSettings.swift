/// The storage module's four download settings, named and defaulted as in its configuration file.
public struct DownloadQueueSettings: Sendable, Equatable {
    /// Seconds between two calls of `downloadNextHash` by the service loop.
    public var downloadIntervalInSeconds: Int
    /// Minutes a SOFT-failed entry waits, from its last attempt, before it is eligible again.
    public var downloadRetryDelayInMinutes: Int
    /// The most download attempts one entry gets; an entry that used them all is given up.
    public var downloadMaxAttempts: Int
    /// Seconds one fetch may take before it is abandoned as an `IPFSTimeout`.
    public var downloadTimeoutInSeconds: Int

    public init(
        downloadIntervalInSeconds: Int = 1, downloadRetryDelayInMinutes: Int = 1, downloadMaxAttempts: Int = 20,
        downloadTimeoutInSeconds: Int = 30
    ) {
        precondition(downloadIntervalInSeconds >= 1, "the download interval must be at least one second")
        precondition(downloadRetryDelayInMinutes >= 0, "negative retry delay")
        precondition(downloadMaxAttempts >= 1, "an entry needs at least one attempt")
        precondition(downloadTimeoutInSeconds >= 1, "the download timeout must be at least one second")
        self.downloadIntervalInSeconds = downloadIntervalInSeconds
        self.downloadRetryDelayInMinutes = downloadRetryDelayInMinutes
        self.downloadMaxAttempts = downloadMaxAttempts
        self.downloadTimeoutInSeconds = downloadTimeoutInSeconds
    }

    public var downloadInterval: Duration { .seconds(downloadIntervalInSeconds) }
    public var downloadRetryDelay: Duration { .seconds(downloadRetryDelayInMinutes * 60) }
    public var downloadTimeout: Duration { .seconds(downloadTimeoutInSeconds) }
}
