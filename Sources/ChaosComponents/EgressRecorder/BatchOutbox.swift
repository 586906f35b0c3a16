import ChaosCore

/// The robust recorder's durable outbox: every rotated batch on disk is pending until the tracker consolidates it;
/// reports are retried with doubling, jittered delays and no attempt limit, and a batch is deleted only once
/// consolidated. The directory is the outbox, so a batch rotated just before a crash is found again at start.
actor BatchOutbox<C: Clock> where C.Duration == Duration {
    private struct Entry {
        var attempts = 0
        var due: C.Instant
    }

    private let journal: DurableReceiptJournal
    private let tracker: any EgressTracker
    private let settings: EgressSettings
    private let clock: C
    private let jitter: @Sendable () -> Double
    private let events: @Sendable (EgressEvent) -> Void
    private var entries: [String: Entry] = [:]
    private var stopped = false

    init(
        journal: DurableReceiptJournal, tracker: any EgressTracker, settings: EgressSettings, clock: C,
        jitter: @escaping @Sendable () -> Double, events: @escaping @Sendable (EgressEvent) -> Void
    ) {
        self.journal = journal
        self.tracker = tracker
        self.settings = settings
        self.clock = clock
        self.jitter = jitter
        self.events = events
    }

    /// Batches pending now.
    var pendingBatches: [String] { entries.keys.sorted() }

    /// A batch to report as soon as possible.
    func add(_ cid: String) {
        guard entries[cid] == nil else { return }
        entries[cid] = Entry(due: clock.now)
    }

    func stop() {
        stopped = true
    }

    /// Reports due batches until stopped, rescanning the directory every `outboxScanInterval`. It looks at least once
    /// a second, so a batch added after a rotation is reported within a second.
    func run() async {
        var nextScan = clock.now
        while !stopped, !Task.isCancelled {
            if clock.now >= nextScan {
                for cid in (try? await journal.batchesOnDisk()) ?? [] { add(cid) }
                nextScan = clock.now.advanced(by: settings.outboxScanInterval)
            }
            for cid in entries.keys.sorted() where entries[cid].map({ $0.due <= clock.now }) ?? false {
                await report(cid)
            }
            let earliest = entries.values.map { $0.due }.min() ?? nextScan
            let nextDue = min(earliest, nextScan, clock.now.advanced(by: .seconds(1)))
            try? await clock.sleep(until: nextDue, tolerance: nil)
        }
    }

    private func report(_ cid: String) async {
        guard var entry = entries[cid] else { return }
        entry.attempts += 1
        do {
            try await tracker.track(batch: cid)
            try await journal.delete(cid)
            entries[cid] = nil
            events(.reported(batch: cid, attempts: entry.attempts))
        } catch {
            let base = settings.reportBackoffMin * (1 << min(entry.attempts - 1, 20))
            let delay = min(base, settings.reportBackoffMax) * (0.5 + jitter() / 2)
            entry.due = clock.now.advanced(by: delay)
            entries[cid] = entry
            events(.trackFailed(batch: cid, attempt: entry.attempts, error: "\(error)", dropped: false))
        }
    }
}
