/// The download queue's logic as a pure value: entries and settings, and event methods that update them and return
/// the effects (`DownloadQueueAction`) the shell must perform, in order.
///
/// Times are virtual `Duration`s since the queue's epoch, passed in by the shell; nothing here reads a clock, a file
/// or a random source. Entries are kept in enqueue order, and "oldest first" means that order: `startNextDownload`
/// picks the first eligible entry in it. The hash index is for lookups only and is never iterated.
public struct DownloadQueueState: Sendable, Equatable {
    public let settings: DownloadQueueSettings
    public let variant: DownloadQueueVariant
    /// Every entry, in enqueue order.
    public private(set) var entries: [DownloadQueueEntry]
    private var indexByHash: [String: Int]

    public init(
        settings: DownloadQueueSettings, variant: DownloadQueueVariant, entries: [DownloadQueueEntry] = []
    ) {
        self.settings = settings
        self.variant = variant
        self.entries = entries
        indexByHash = [:]
        for (index, entry) in entries.enumerated() {
            precondition(indexByHash.updateValue(index, forKey: entry.ipfsFileHash) == nil, "duplicate entry")
        }
    }

    /// The entry for `hash`, if it was enqueued.
    public func entry(for hash: String) -> DownloadQueueEntry? {
        indexByHash[hash].map { entries[$0] }
    }

    /// Whether `entry` may be attempted at `now`: pending, with attempts left, and either never attempted or last
    /// attempted at least the retry delay ago. A HARD failure is eligible only for a variant that retries them.
    public func isEligible(_ entry: DownloadQueueEntry, now: Duration) -> Bool {
        guard entry.status == .pending, entry.downloadAttempts < settings.downloadMaxAttempts else { return false }
        guard let last = entry.lastDownloadAttemptTime, entry.downloadAttempts > 0 else { return true }
        return last + settings.downloadRetryDelay <= now
    }

    /// Adds a pending entry for `hash`; enqueueing a hash already present (in any status) changes nothing.
    public mutating func enqueue(_ hash: String) -> [DownloadQueueAction] {
        guard indexByHash[hash] == nil else { return [] }
        indexByHash[hash] = entries.count
        entries.append(DownloadQueueEntry(ipfsFileHash: hash))
        return [.persist]
    }

    /// Starts an attempt on the oldest eligible entry: counts it and stamps its time, then asks for it to be made
    /// durable before the fetch (so that a crash during the fetch cannot hide the attempt). Nothing when idle.
    public mutating func startNextDownload(now: Duration) -> [DownloadQueueAction] {
        guard let index = entries.indices.first(where: { isEligible(entries[$0], now: now) }) else { return [] }
        entries[index].status = .downloading
        entries[index].downloadAttempts += 1
        entries[index].lastDownloadAttemptTime = now
        return [.persist, .fetch(hash: entries[index].ipfsFileHash)]
    }

    /// The fetch returned `bytes`: a JSON object is written as the claim, anything else is a HARD `INVALID_JSON`.
    public mutating func fetchSucceeded(hash: String, bytes: [UInt8], now: Duration) -> [DownloadQueueAction] {
        guard JSONChecker.isJSONObject(bytes) else {
            return fetchFailed(hash: hash, type: .hard, reason: DownloadFailureReason.invalidJSON, now: now)
        }
        guard downloadingIndex(hash) != nil else { return [] }
        return [.writeClaim(hash: hash, bytes: bytes, claimId: Self.claimId(of: bytes, hash: hash))]
    }

    /// The claim is stored: the entry is downloaded, and its failure fields are cleared.
    public mutating func claimWritten(hash: String, claimId: String) -> [DownloadQueueAction] {
        guard let index = downloadingIndex(hash) else { return [] }
        entries[index].status = .downloaded
        entries[index].claimId = claimId
        entries[index].failureType = nil
        entries[index].failureReason = nil
        return [.persist]
    }

    /// The attempt failed at `now`: the failure is recorded, and the entry waits for a retry unless it is given up
    /// (a HARD failure in a variant that does not retry them, or no attempts left).
    public mutating func fetchFailed(
        hash: String, type: DownloadFailureType, reason: String, now: Duration
    ) -> [DownloadQueueAction] {
        guard let index = downloadingIndex(hash) else { return [] }
        settleFailure(at: index, type: type, reason: reason, now: now)
        return [.persist]
    }

    /// The attempt was abandoned (the process is stopping): it is settled as a SOFT `INTERRUPTED` failure in memory
    /// only, which is also what `recover` makes of the durable record after a restart.
    public mutating func attemptInterrupted(hash: String, now: Duration) -> [DownloadQueueAction] {
        guard let index = downloadingIndex(hash) else { return [] }
        settleFailure(at: index, type: .soft, reason: DownloadFailureReason.interrupted, now: now)
        return []
    }

    /// Settles attempts found in flight after a restart. An entry whose claim exists (`claimIds[hash]`) finished
    /// its completion before the crash and becomes downloaded without a new fetch or write; any other becomes a SOFT
    /// `INTERRUPTED` failure that already counted its attempt.
    public mutating func recover(claimIds: [String: String], now: Duration) -> [DownloadQueueAction] {
        var changed = false
        for index in entries.indices where entries[index].status == .downloading {
            changed = true
            if let claimId = claimIds[entries[index].ipfsFileHash] {
                entries[index].status = .downloaded
                entries[index].claimId = claimId
                entries[index].failureType = nil
                entries[index].failureReason = nil
            } else {
                settleFailure(at: index, type: .soft, reason: DownloadFailureReason.interrupted, now: now)
            }
        }
        return changed ? [.persist] : []
    }

    /// How many entries currently carry each failure reason, sorted by reason.
    public func failureCounts() -> [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for entry in entries { if let reason = entry.failureReason { counts[reason, default: 0] += 1 } }
        return counts.keys.sorted().map { (reason: $0, count: counts[$0]!) }
    }

    /// The claim id of downloaded `bytes`: FNV-1a 64 over the hash, a NUL and the bytes, as 16 hex digits. Stable
    /// across processes (no `Hasher`), so a claim found on disk after a restart gets the same id.
    public static func claimId(of bytes: [UInt8], hash: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(hash.utf8) + [0] + bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private func downloadingIndex(_ hash: String) -> Int? {
        guard let index = indexByHash[hash], entries[index].status == .downloading else { return nil }
        return index
    }

    private mutating func settleFailure(at index: Int, type: DownloadFailureType, reason: String, now: Duration) {
        entries[index].failureType = type
        entries[index].failureReason = reason
        entries[index].lastDownloadAttemptTime = now
        let givesUp = (type == .hard && !variant.retriesHardFailures)
            || entries[index].downloadAttempts >= settings.downloadMaxAttempts
        entries[index].status = givesUp ? .failed : .pending
    }
}
