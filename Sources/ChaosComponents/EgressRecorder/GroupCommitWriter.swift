import ChaosCore

/// One writer for the durable journal: receipts that arrive while it writes wait for the next batch, which takes up
/// to `groupCommitMax` of them after at most `groupCommitDelay`, appends them as one write and syncs once. A waiter
/// is woken only after the sync: recorded means durable.
actor GroupCommitWriter<C: Clock> where C.Duration == Duration {
    private struct Pending {
        var receipt: [UInt8]
        var continuation: CheckedContinuation<Result<Void, DurableReceiptJournal.CommitError>, Never>
    }

    private let journal: DurableReceiptJournal
    private let settings: EgressSettings
    private let clock: C
    private let background: any BackgroundTaskStarter
    private let rotated: @Sendable (String) async -> Void
    private var pending: [Pending] = []
    private var writing = false

    init(
        journal: DurableReceiptJournal, settings: EgressSettings, clock: C, background: any BackgroundTaskStarter,
        rotated: @escaping @Sendable (String) async -> Void
    ) {
        self.journal = journal
        self.settings = settings
        self.clock = clock
        self.background = background
        self.rotated = rotated
    }

    /// Returns once the receipt is durable; throws when it is not recorded.
    func record(_ receipt: [UInt8]) async throws(DurableReceiptJournal.CommitError) {
        let result = await withCheckedContinuation { continuation in // determinism: ok, resumed by the writer task
            pending.append(Pending(receipt: receipt, continuation: continuation))
            if !writing {
                writing = true
                background.start("egress journal writer") { [self] in await drain() }
            }
        }
        try result.get()
    }

    private func drain() async {
        while !pending.isEmpty {
            if settings.groupCommitDelay > .zero, (pending.count < settings.groupCommitMax) {
                try? await clock.sleep(for: settings.groupCommitDelay)
            }
            let batch = Array(pending.prefix(settings.groupCommitMax))
            pending.removeFirst(batch.count)
            do {
                let rotatedBatch = try await journal.commit(batch.map { $0.receipt })
                for waiter in batch { waiter.continuation.resume(returning: .success(())) }
                if let rotatedBatch { await rotated(rotatedBatch) }
            } catch {
                for waiter in batch { waiter.continuation.resume(returning: .failure(error)) }
            }
        }
        writing = false
    }
}
