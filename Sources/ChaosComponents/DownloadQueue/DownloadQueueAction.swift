/// An effect the download queue's state machine asks its shell to perform, in the order given.
public enum DownloadQueueAction: Sendable, Equatable {
    /// Make the current entries durable before going on (a no-op for the in-memory naive queue).
    case persist
    /// Fetch the content of `hash` under the download timeout, then report back with `fetchSucceeded` or
    /// `fetchFailed`.
    case fetch(hash: String)
    /// Apply the completion: store the claim's bytes at `/claims/<hash>`, then report back with `claimWritten`.
    case writeClaim(hash: String, bytes: [UInt8], claimId: String)
}
