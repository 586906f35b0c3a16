import ChaosComponents
import ChaosNet

/// Reads `workload.queue:` into a `QueueConfig` and its `DownloadQueueSettings`.
///
/// The settings count whole seconds and minutes, like the storage module's configuration file; a file that says
/// `retry_delay: 90s` is refused rather than silently rounded.
enum QueueConfigDecoder {
    static let keys = [
        "download_interval", "retry_delay", "max_attempts", "download_timeout", "documents", "invalid_documents",
        "document_size", "run_for",
    ]
    static let documentCountRange = 0...100_000

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> QueueConfig {
        let defaults = QueueConfig()
        guard let node else { return defaults }
        let mapping = try node.mapping("queue", allowedKeys: keys)
        let settings = defaults.settings
        let interval = try mapping.value("download_interval").map(wholeSeconds) ?? settings.downloadIntervalInSeconds
        let retryDelay = try mapping.value("retry_delay").map(wholeMinutes) ?? settings.downloadRetryDelayInMinutes
        let maxAttempts = try mapping.value("max_attempts")?.integer(in: 1...1_000_000) ?? settings.downloadMaxAttempts
        let timeout = try mapping.value("download_timeout").map(wholeSeconds) ?? settings.downloadTimeoutInSeconds
        let documents = try mapping.value("documents")?.integer(in: documentCountRange) ?? defaults.documentCount
        let invalidDocuments = try mapping.value("invalid_documents")?.integer(in: documentCountRange)
            ?? defaults.invalidDocumentCount
        let documentSize = try mapping.value("document_size")?.byteSize(in: 1...IPFSPackageSpec.byteCountMax)
            ?? defaults.documentByteCount
        let runFor = try mapping.value("run_for")?.positiveDuration() ?? defaults.runFor
        return QueueConfig(
            settings: DownloadQueueSettings(
                downloadIntervalInSeconds: interval, downloadRetryDelayInMinutes: retryDelay,
                downloadMaxAttempts: maxAttempts, downloadTimeoutInSeconds: timeout),
            documentCount: documents, invalidDocumentCount: invalidDocuments, documentByteCount: documentSize,
            runFor: runFor)
    }

    /// A duration of at least one second that is a whole number of seconds.
    static func wholeSeconds(_ node: LocatedNode) throws(ScenarioFileError) -> Int {
        let (seconds, attoseconds) = try node.duration().components
        guard attoseconds == 0, seconds >= 1, let value = Int(exactly: seconds) else {
            throw node.error("expected whole seconds of at least 1s for '\(node.label)', got \(node.summary)")
        }
        return value
    }

    /// A duration that is a whole number of minutes (zero allowed).
    static func wholeMinutes(_ node: LocatedNode) throws(ScenarioFileError) -> Int {
        let (seconds, attoseconds) = try node.duration().components
        guard attoseconds == 0, seconds % 60 == 0, let value = Int(exactly: seconds / 60) else {
            throw node.error("expected whole minutes for '\(node.label)', like 1m or 0s, got \(node.summary)")
        }
        return value
    }
}
