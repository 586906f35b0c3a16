import ChaosComponents

/// The download queue's work (`workload.queue:`): documents published on the registry, some of them not valid JSON
/// (a HARD failure), all enqueued at the start, and how long the service loop runs.
public struct QueueConfig: Sendable, Equatable {
    public var settings: DownloadQueueSettings
    /// Valid JSON documents enqueued.
    public var documentCount: Int
    /// Documents that are not valid JSON (`INVALID_JSON`, HARD: never retried by the robust queue).
    public var invalidDocumentCount: Int
    /// Bytes of each document.
    public var documentByteCount: Int
    /// How long the service loop runs before the invariants are checked.
    public var runFor: Duration

    public init(
        settings: DownloadQueueSettings = DownloadQueueSettings(), documentCount: Int = 20,
        invalidDocumentCount: Int = 2, documentByteCount: Int = 4096, runFor: Duration = .seconds(3600)
    ) {
        self.settings = settings
        self.documentCount = documentCount
        self.invalidDocumentCount = invalidDocumentCount
        self.documentByteCount = documentByteCount
        self.runFor = runFor
    }
}
