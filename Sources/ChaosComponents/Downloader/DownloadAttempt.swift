/// One attempt of a download, as the downloader records it for tests and reports.
public struct DownloadAttempt: Sendable, Equatable {
    public var cid: String
    /// 1-based within its download.
    public var number: Int
    /// The wait before the attempt started.
    public var delayBefore: Duration
    /// Nil when the attempt succeeded.
    public var error: DownloadError?
}
