/// The `failureReason` strings the queue records; informative only, grouped by `failureCounts()` for debugging.
public enum DownloadFailureReason {
    /// The fetch did not finish within `downloadTimeoutInSeconds` (SOFT).
    public static let ipfsTimeout = "IPFSTimeout"
    /// The fetch threw any other error: a reset, a refused connection, a 5xx (SOFT).
    public static let ipfsNetworkError = "IPFSNetworkError"
    /// The downloaded bytes are not a JSON object (HARD: the same bytes come back on every retry).
    public static let invalidJSON = "INVALID_JSON"
    /// The process stopped (crashed or was cancelled) while the attempt was in flight (SOFT).
    public static let interrupted = "INTERRUPTED"
}
