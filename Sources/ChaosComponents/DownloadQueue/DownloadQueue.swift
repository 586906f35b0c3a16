import ChaosCore

/// The storage module's asynchronous download queue: entries are enqueued by hash, and a service loop calls
/// `downloadNextHash` every `downloadIntervalInSeconds` to fetch one eligible entry under the download timeout.
///
/// This actor is the thin shell around `DownloadQueueState`: it reads the clock, performs the state machine's
/// actions (persist, fetch, write the claim) and feeds their results back. It depends only on a `Clock`, a
/// `FileSystem` and a fetch function, so the same code runs in a simulation and in production.
///
/// Durability protocol of the robust variant (the naive one keeps entries in memory and writes claims unsynced):
/// 0. The queue and claims directories are created and every parent on their path is synced, so that they exist
///    after a crash even where directory entries are durable only once synced.
/// 1. The store is one file, `<queueDirectory>/storage.db` (`DownloadQueueCodec`), always replaced atomically:
///    write `storage.db.tmp`, `syncFile`, `rename` over `storage.db`, `syncDirectory`. A crash leaves the old or the
///    new file, never a torn or empty one. `enqueue` returns only once its entry is durable (the producer's ack).
/// 2. An attempt is persisted (status `downloading`, attempts + 1, time stamped) BEFORE the fetch starts.
/// 3. The completion is writing the claim to `<claimsDirectory>/<hash>` by the same temp/sync/rename/sync steps, and
///    only if no claim is there yet, so applying it is idempotent; then the entry is persisted as `downloaded`.
/// 4. On open, an entry found `downloading` was interrupted by a crash. If its claim exists, step 3 finished before
///    the crash: the entry becomes downloaded without a new fetch or write. Otherwise it becomes a SOFT
///    `INTERRUPTED` failure whose attempt already counted, retried under the usual rules. So after a crash an entry
///    is neither lost (steps 1, 2) nor completed twice (steps 3, 4).
///
/// Times are virtual durations since `epoch`, so a queue reopened on the same clock and epoch reads the stored
/// `lastDownloadAttemptTime`s consistently. Thread-safety: an actor; `enqueue` may run while the loop downloads, and
/// writes of the store are serialised.
public actor DownloadQueue<C: Clock> where C.Duration == Duration {
    /// Downloads the content of an IPFS hash; any thrown error is a SOFT failure.
    public typealias Fetch = @Sendable (String) async throws -> [UInt8]

    public let variant: DownloadQueueVariant
    public let settings: DownloadQueueSettings
    public let queueDirectory: String
    public let claimsDirectory: String
    /// The hashes whose claim this instance wrote, in order: the completion effects it applied.
    public private(set) var completionsApplied: [String] = []
    /// How many times `downloadNextHash` ran.
    public private(set) var downloadCallCount = 0
    /// How many loop iterations failed on storage (the loop goes on; the entry is retried).
    public private(set) var storageErrorCount = 0
    /// Failed attempts of this queue instance by `failureReason` (every attempt, not only each entry's last), for the
    /// same debugging the store's grouping by reason serves; not persisted.
    public private(set) var failedAttemptsByReason: [String: Int] = [:]

    /// What this instance did, in one read: its completions and its failed attempts by reason.
    public var history: (completionsApplied: [String], failedAttemptsByReason: [String: Int]) {
        (completionsApplied, failedAttemptsByReason)
    }

    private var state: DownloadQueueState
    private let fileSystem: any FileSystem
    private let clock: C
    private let epoch: C.Instant
    private let fetch: Fetch
    private var isPersisting = false
    private var persistWaiters: [CheckedContinuation<Void, Never>] = []

    private init(
        state: DownloadQueueState, fileSystem: any FileSystem, clock: C, epoch: C.Instant, fetch: @escaping Fetch,
        queueDirectory: String, claimsDirectory: String
    ) {
        self.variant = state.variant
        self.settings = state.settings
        self.state = state
        self.fileSystem = fileSystem
        self.clock = clock
        self.epoch = epoch
        self.fetch = fetch
        self.queueDirectory = queueDirectory
        self.claimsDirectory = claimsDirectory
    }

    /// Opens a queue: the naive variant starts empty; the robust one reads its store (if any) and settles the
    /// attempts a crash interrupted (see the protocol above).
    public static func open(
        variant: DownloadQueueVariant, settings: DownloadQueueSettings = DownloadQueueSettings(),
        fileSystem: any FileSystem, clock: C, epoch: C.Instant, queueDirectory: String = "/queue",
        claimsDirectory: String = "/claims", fetch: @escaping Fetch
    ) async throws(DownloadQueueError) -> DownloadQueue {
        var entries: [DownloadQueueEntry] = []
        var claimIds: [String: String] = [:]
        if variant == .robust {
            let storePath = queueDirectory + "/storage.db"
            do {
                try await createDurably(queueDirectory, in: fileSystem)
                try await createDurably(claimsDirectory, in: fileSystem)
                if await fileSystem.exists(at: storePath) {
                    let bytes = try await fileSystem.readFile(at: storePath)
                    entries = try DownloadQueueCodec.decode(bytes, path: storePath)
                }
                for entry in entries where entry.status == .downloading {
                    let claimPath = claimsDirectory + "/" + entry.ipfsFileHash
                    guard await fileSystem.exists(at: claimPath) else { continue }
                    let bytes = try await fileSystem.readFile(at: claimPath)
                    claimIds[entry.ipfsFileHash] = DownloadQueueState.claimId(of: bytes, hash: entry.ipfsFileHash)
                }
            } catch let error as DownloadQueueError {
                throw error
            } catch let error as FileSystemError {
                throw .storage(error)
            } catch {
                preconditionFailure("unexpected error \(error)")
            }
        }
        let queue = DownloadQueue(
            state: DownloadQueueState(settings: settings, variant: variant, entries: entries), fileSystem: fileSystem,
            clock: clock, epoch: epoch, fetch: fetch, queueDirectory: queueDirectory, claimsDirectory: claimsDirectory)
        try await queue.recover(claimIds: claimIds)
        return queue
    }

    /// Every entry, in enqueue order.
    public var entries: [DownloadQueueEntry] { state.entries }

    /// The entry for `hash`, if it was enqueued.
    public func entry(for hash: String) -> DownloadQueueEntry? { state.entry(for: hash) }

    /// How many entries carry each failure reason, sorted by reason.
    public func failureCounts() -> [(reason: String, count: Int)] { state.failureCounts() }

    /// Adds `hash` to the queue (a hash already there changes nothing); for the robust variant the entry is durable
    /// when this returns. After a storage error the entry stays queued in memory (written by the next successful
    /// persist) but is not acknowledged: the producer redelivers it, which is safe since enqueueing is idempotent.
    public func enqueue(_ hash: String) async throws(DownloadQueueError) {
        guard DownloadQueueCodec.isValidHash(hash) else { throw .invalidHash(hash) }
        try await perform(state.enqueue(hash))
    }

    /// Attempts the oldest eligible entry once and returns it as settled, or nil when nothing is eligible.
    ///
    /// A fetch failure is recorded, not thrown; a storage failure is thrown. If the calling task is cancelled during
    /// the fetch (the process is stopping), the attempt is settled as `INTERRUPTED` in memory and nothing is written.
    @discardableResult
    public func downloadNextHash() async throws(DownloadQueueError) -> DownloadQueueEntry? {
        downloadCallCount += 1
        let actions = state.startNextDownload(now: now())
        guard case let .fetch(hash) = actions.last else { return nil }
        do {
            try await perform(actions.dropLast())
        } catch {
            _ = state.attemptInterrupted(hash: hash, now: now())
            throw error
        }
        let fetch = self.fetch
        let result: Result<[UInt8], any Error>
        do {
            result = .success(try await withTimeout(settings.downloadTimeout, clock: clock) { try await fetch(hash) })
        } catch {
            result = .failure(error)
        }
        if Task.isCancelled {
            _ = state.attemptInterrupted(hash: hash, now: now())
            countFailure(of: hash)
            return state.entry(for: hash)
        }
        switch result {
        case let .success(bytes):
            try await perform(state.fetchSucceeded(hash: hash, bytes: bytes, now: now()))
        case let .failure(error):
            let reason =
                error is TimeoutError ? DownloadFailureReason.ipfsTimeout : DownloadFailureReason.ipfsNetworkError
            try await perform(state.fetchFailed(hash: hash, type: .soft, reason: reason, now: now()))
        }
        countFailure(of: hash)
        return state.entry(for: hash)
    }

    /// Counts the attempt just settled for `hash` if it failed: a settled attempt that did not download leaves the
    /// entry pending or failed with the attempt's reason.
    private func countFailure(of hash: String) {
        guard let entry = state.entry(for: hash), entry.status == .pending || entry.status == .failed,
              let reason = entry.failureReason
        else { return }
        failedAttemptsByReason[reason, default: 0] += 1
    }

    /// The service loop: calls `downloadNextHash` at `epochOfLoop + k * downloadInterval` for k = 0, 1, ... while
    /// that time is before `deadline`. A call that overruns skips the ticks it covered (calls never overlap). Ends
    /// early, without error, when the task is cancelled.
    public func run(until deadline: C.Instant) async {
        var next = clock.now
        while next < deadline, !Task.isCancelled {
            do {
                try await clock.sleep(until: next, tolerance: nil)
            } catch {
                return
            }
            do {
                try await downloadNextHash()
            } catch {
                storageErrorCount += 1
            }
            let now = clock.now
            repeat { next = next.advanced(by: settings.downloadInterval) } while next < now
        }
    }

    // MARK: - Effects

    private func now() -> Duration { epoch.duration(to: clock.now) }

    /// A cancelled queue (its process is stopping) starts no further file system step. Abandoning an atomic replace
    /// or a claim write between steps is harmless (a temporary file stays behind), and in a simulation it keeps a
    /// queue whose machine lost power from writing afterwards.
    private func checkRunning() throws(DownloadQueueError) {
        if Task.isCancelled { throw .stopped }
    }

    private func recover(claimIds: [String: String]) async throws(DownloadQueueError) {
        try await perform(state.recover(claimIds: claimIds, now: now()))
    }

    private func perform(_ actions: some Sequence<DownloadQueueAction>) async throws(DownloadQueueError) {
        for action in actions {
            switch action {
            case .persist:
                try await persist()
            case let .writeClaim(hash, bytes, claimId):
                try await writeClaim(hash: hash, bytes: bytes)
                try await perform(state.claimWritten(hash: hash, claimId: claimId))
            case .fetch:
                preconditionFailure("fetches are started by downloadNextHash only")
            }
        }
    }

    /// Replaces the store atomically with the current entries; concurrent callers take turns, and each writes the
    /// state as of its turn, which includes its own change.
    private func persist() async throws(DownloadQueueError) {
        guard variant == .robust else { return }
        while isPersisting {
            await withCheckedContinuation { persistWaiters.append($0) }  // determinism: ok (not hot)
        }
        isPersisting = true
        defer {
            isPersisting = false
            if !persistWaiters.isEmpty { persistWaiters.removeFirst().resume() }
        }
        let storePath = queueDirectory + "/storage.db"
        let temporaryPath = storePath + ".tmp"
        do {
            try await replaceDurably(
                storePath, in: queueDirectory, with: DownloadQueueCodec.encode(state.entries), through: temporaryPath)
        } catch let error as DownloadQueueError {
            throw error
        } catch let error as FileSystemError {
            throw .storage(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// The completion effect. Robust: durable and applied at most once per hash. Naive: written in place, unsynced.
    private func writeClaim(hash: String, bytes: [UInt8]) async throws(DownloadQueueError) {
        let claimPath = claimsDirectory + "/" + hash
        do {
            try checkRunning()
            switch variant {
            case .naive:
                try await fileSystem.createDirectory(at: claimsDirectory, withIntermediates: true)
                try checkRunning()
                try await fileSystem.writeFile(at: claimPath, contents: bytes, mode: 0o644, disposition: .overwrite)
            case .robust:
                guard await !fileSystem.exists(at: claimPath) else { return }
                try await replaceDurably(claimPath, in: claimsDirectory, with: bytes, through: claimPath + ".tmp")
            }
        } catch let error as DownloadQueueError {
            throw error
        } catch let error as FileSystemError {
            throw .storage(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        completionsApplied.append(hash)
    }

    /// Creates `directory` (and what leads to it) so that it survives a power loss: `mkdir -p` adds an entry to each
    /// parent, and POSIX makes an entry durable only once its directory is synced. ext4 and XFS journal it anyway;
    /// ext2 and some NFS setups do not, and there a store created but never synced into its parent is gone after a
    /// crash, with every entry acknowledged into it.
    private static func createDurably(_ directory: String, in fileSystem: any FileSystem) async throws {
        try await fileSystem.createDirectory(at: directory, withIntermediates: true)
        var path = directory
        while path != "/" {
            path = FileSystemPath.parent(of: path)
            try await fileSystem.syncDirectory(at: path)
        }
    }

    /// Replaces `path` so that a crash leaves either the old or the new contents: write a temporary file, sync it,
    /// rename it over `path`, sync the directory. Stops between steps once the queue is stopped.
    private func replaceDurably(
        _ path: String, in directory: String, with contents: [UInt8], through temporaryPath: String
    ) async throws {
        try checkRunning()
        try await fileSystem.writeFile(at: temporaryPath, contents: contents, mode: 0o644, disposition: .overwrite)
        try checkRunning()
        try await fileSystem.syncFile(at: temporaryPath)
        try checkRunning()
        try await fileSystem.rename(from: temporaryPath, to: path)
        try checkRunning()
        try await fileSystem.syncDirectory(at: directory)
    }
}
