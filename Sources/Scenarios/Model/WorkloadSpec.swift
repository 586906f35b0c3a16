import ChaosNet

/// What runs in the world: which component, in which variants, doing what, configured how.
public struct WorkloadSpec: Sendable, Equatable {
    public var component: ComponentKind
    /// The variants a sweep runs when the command line does not pick one (`--variant`), in this order.
    public var variants: [ComponentVariant]
    /// How many operations one seed performs, one after another: service creations for `service-manager`,
    /// downloads for `downloader`. The download queue's work is described by `queue`.
    public var operations: Int
    /// The registry package the operations fetch (by name); nil means the registry's first package.
    public var package: String?
    /// Virtual time before the first operation, drawn uniformly from `0...startJitter` per seed, so that seeds
    /// meet the fault episodes at different phases.
    public var startJitter: Duration
    public var downloader: DownloaderConfig
    public var queue: QueueConfig

    public init(
        component: ComponentKind, variants: [ComponentVariant] = ComponentVariant.allCases, operations: Int = 1,
        package: String? = nil, startJitter: Duration = .zero, downloader: DownloaderConfig = DownloaderConfig(),
        queue: QueueConfig = QueueConfig()
    ) {
        self.component = component
        self.variants = variants
        self.operations = operations
        self.package = package
        self.startJitter = startJitter
        self.downloader = downloader
        self.queue = queue
    }
}

/// The components a scenario can run.
public enum ComponentKind: String, Sendable, Equatable, CaseIterable {
    /// `ServiceManager.create(template)`: download the template's package, then register the service.
    case serviceManager = "service-manager"
    /// `IPFSDownloader.download(cid:into:)` alone.
    case downloader
    /// `DownloadQueue`: enqueue hashes, then the service loop calls `downloadNextHash` every interval.
    case downloadQueue = "download-queue"

    /// The invariants that apply to this component.
    public var invariants: [InvariantName] {
        switch self {
        case .serviceManager: [.noPartialDirectories, .noBurnedIDs, .noEscapedErrors, .noStagingLeftovers]
        case .downloader: [.noPartialDirectories, .noEscapedErrors, .noStagingLeftovers]
        case .downloadQueue: [.queueEntriesSettled, .noLostEntries, .noEscapedErrors]
        }
    }
}

/// The downloader's configuration: the naive variant's single read timeout, and the robust variant's retry policy.
public struct DownloaderConfig: Sendable, Equatable {
    /// The only timeout of the naive variant (the Python client's socket read timeout).
    public var naiveReadTimeout: Duration
    public var policy: DownloadRetryPolicy

    public init(naiveReadTimeout: Duration = .seconds(30), policy: DownloadRetryPolicy = DownloadRetryPolicy()) {
        self.naiveReadTimeout = naiveReadTimeout
        self.policy = policy
    }
}

/// The download queue's work: documents published on the registry, some of them not valid JSON (a HARD failure),
/// all enqueued at the start, and how long the service loop runs.
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

/// Invariants a seed's world must satisfy after the workload; a broken one makes the seed's failure `damaging`.
public enum InvariantName: String, Sendable, Equatable, CaseIterable {
    /// No service or target directory exists unless it holds the complete package.
    case noPartialDirectories = "no_partial_directories"
    /// Every service id taken from the counter belongs to a created service.
    case noBurnedIDs = "no_burned_ids"
    /// No component lets an unexpected error escape (an HTTP 500 `Internal Server Error`, a thrown raw error).
    case noEscapedErrors = "no_escaped_errors"
    /// No staging directory is left beside a target.
    case noStagingLeftovers = "no_staging_leftovers"
    /// Every queue entry ends downloaded, HARD-failed, or SOFT-failed within its retry limits.
    case queueEntriesSettled = "queue_entries_settled"
    /// Every enqueued hash is still in the queue (or downloaded) after crashes and restarts, none downloaded twice.
    case noLostEntries = "no_lost_entries"
}
