/// One entry of the download queue, with the fields of the storage module's `storage` collection.
public struct DownloadQueueEntry: Sendable, Equatable {
    /// Where the entry is in its life.
    public enum Status: String, Sendable, Equatable {
        /// Never attempted, or failed and waiting to be retried.
        case pending
        /// An attempt started and has not been settled yet (after a crash: the attempt was interrupted).
        case downloading
        /// The claim was written; `claimId` is set.
        case downloaded
        /// Given up: a HARD failure (robust) or a SOFT failure with every attempt used.
        case failed
    }

    public var ipfsFileHash: String
    /// Virtual time of the last attempt's start, then of its failure; nil before the first attempt.
    public var lastDownloadAttemptTime: Duration?
    public var downloadAttempts: Int
    public var failureType: DownloadFailureType?
    public var failureReason: String?
    /// Set once downloaded: a digest of the claim's bytes.
    public var claimId: String?
    public var status: Status

    public init(
        ipfsFileHash: String, lastDownloadAttemptTime: Duration? = nil, downloadAttempts: Int = 0,
        failureType: DownloadFailureType? = nil, failureReason: String? = nil, claimId: String? = nil,
        status: Status = .pending
    ) {
        self.ipfsFileHash = ipfsFileHash
        self.lastDownloadAttemptTime = lastDownloadAttemptTime
        self.downloadAttempts = downloadAttempts
        self.failureType = failureType
        self.failureReason = failureReason
        self.claimId = claimId
        self.status = status
    }
}
