import ChaosCore

/// Records an egress receipt for every retrieval a server serves, so that the operator is paid for the data, and
/// reports rotated batches of receipts to a tracker.
///
/// The server asks `record(_:scope:)` before it sends the first body byte and serves only on `.serve`. What that
/// promises depends on the variant (`EgressVariant`): the naive ones answer `.serve` at once and record later, in a
/// detached task per request; the robust one answers only once the receipt is durable, or refuses with 503.
///
/// Everything the recorder needs comes through protocols — a `FileSystem`, a `Clock`, an `EgressTracker`, a
/// `BackgroundTaskStarter`, a `WorkMeter` — so the same code runs in production and in a simulation.
public final class EgressRecorder<C: Clock>: Sendable where C.Duration == Duration {
    /// What the server does with the request.
    public enum Decision: Sendable, Equatable {
        case serve
        /// Answer 503 with this reason and `Retry-After`, and serve no data.
        case refuse(reason: String, retryAfterSeconds: Int)
    }

    public let variant: EgressVariant
    public let settings: EgressSettings
    private let meter: any WorkMeter
    private let background: any BackgroundTaskStarter
    private let events: @Sendable (EgressEvent) -> Void
    private let naive: (journal: NaiveReceiptJournal, queue: NaiveTrackQueue<C>)?
    private let robust: Robust?

    private struct Robust: Sendable {
        var journal: DurableReceiptJournal
        var gate: AdmissionGate<C>
        var writer: GroupCommitWriter<C>
        var outbox: BatchOutbox<C>
    }

    private init(
        variant: EgressVariant, settings: EgressSettings, meter: any WorkMeter, background: any BackgroundTaskStarter,
        events: @escaping @Sendable (EgressEvent) -> Void,
        naive: (journal: NaiveReceiptJournal, queue: NaiveTrackQueue<C>)?, robust: Robust?
    ) {
        self.variant = variant
        self.settings = settings
        self.meter = meter
        self.background = background
        self.events = events
        self.naive = naive
        self.robust = robust
    }

    /// Opens the recorder on `fileSystem`, recovering what a previous process left there, and starts its background
    /// work (the robust outbox). `jitter` returns a number in 0..<1 for retry delays.
    public static func open(
        variant: EgressVariant, settings: EgressSettings, fileSystem: any FileSystem, clock: C,
        tracker: any EgressTracker, background: any BackgroundTaskStarter, meter: any WorkMeter,
        jitter: @escaping @Sendable () -> Double, events: @escaping @Sendable (EgressEvent) -> Void
    ) async throws -> EgressRecorder {
        switch variant {
        case .naive, .naiveScoped:
            let journal = NaiveReceiptJournal(fileSystem: fileSystem, settings: settings)
            try await journal.open()
            let queue = NaiveTrackQueue(
                tracker: tracker, settings: settings, clock: clock, background: background, events: events)
            return EgressRecorder(
                variant: variant, settings: settings, meter: meter, background: background, events: events,
                naive: (journal, queue), robust: nil)
        case .robust:
            let journal = DurableReceiptJournal(fileSystem: fileSystem, settings: settings, events: events)
            let onDisk = try await journal.open()
            let outbox = BatchOutbox(
                journal: journal, tracker: tracker, settings: settings, clock: clock, jitter: jitter, events: events)
            for cid in onDisk { await outbox.add(cid) }
            let writer = GroupCommitWriter(
                journal: journal, settings: settings, clock: clock, background: background
            ) { cid in await outbox.add(cid) }
            let gate = AdmissionGate(settings: settings, clock: clock, meter: meter, background: background)
            background.start("egress outbox") { await outbox.run() }
            return EgressRecorder(
                variant: variant, settings: settings, meter: meter, background: background, events: events,
                naive: nil, robust: Robust(journal: journal, gate: gate, writer: writer, outbox: outbox))
        }
    }

    /// Called before the first body byte of `retrieval`; `scope` ends when the response is complete or the client
    /// went away.
    public func record(_ retrieval: Retrieval, scope: RequestScope) async -> Decision {
        if let naive {
            recordDetached(retrieval, scope: variant == .naiveScoped ? scope : nil, naive)
            return .serve
        }
        guard let robust else { preconditionFailure("a recorder has one variant's parts") }
        return await recordDurably(retrieval, robust)
    }

    /// The rotated batch's file, for the tracker's fetch; nil when there is none (any more).
    public func batch(_ cid: String) async -> [UInt8]? {
        if let robust { return await robust.journal.batchBytes(cid) }
        return await naive?.journal.batchBytes(cid)
    }

    /// Robust: the batches not yet consolidated.
    public func pendingBatches() async -> [String] {
        await robust?.outbox.pendingBatches ?? []
    }

    /// Stops the background work that would otherwise run for ever (the robust outbox).
    public func stop() async {
        await robust?.outbox.stop()
    }

    /// Naive: a detached task per request appends the receipt; a failure is only logged.
    private func recordDetached(
        _ retrieval: Retrieval, scope: RequestScope?, _ naive: (journal: NaiveReceiptJournal, queue: NaiveTrackQueue<C>)
    ) {
        let receipt = retrieval.receipt
        let bytes = receipt.count + settings.stackBytes
        let (meter, events) = (meter, events)
        meter.begin(bytes: bytes)
        background.start("egress receipt \(retrieval.invocationID)") {
            defer { meter.end(bytes: bytes) }
            let rotated: String?
            do {
                try scope?.checkCancellation()
                rotated = try await naive.journal.append(receipt)
            } catch {
                events(.receiptFailed(
                    invocationID: retrieval.invocationID, operation: "append", error: "\(error)",
                    cancelled: error is CancellationError, afterResponse: scope?.isCancelled ?? false))
                return
            }
            guard let rotated else { return }
            events(.rotated(batch: rotated, receipts: 0))
            do {
                try naive.queue.enqueue(rotated, scope: scope)
            } catch {
                events(.trackEnqueueFailed(batch: rotated, error: "\(error)", cancelled: true))
            }
        }
    }

    /// Robust: a permit, then the receipt durable through the group-commit writer, then `.serve`.
    private func recordDurably(_ retrieval: Retrieval, _ robust: Robust) async -> Decision {
        let receipt = retrieval.receipt
        let bytes = receipt.count + settings.stackBytes
        guard await robust.gate.acquire(bytes: bytes) else {
            events(.refused(reason: "egress_overloaded"))
            return .refuse(reason: "egress_overloaded", retryAfterSeconds: settings.retryAfterSeconds)
        }
        do {
            try await robust.writer.record(receipt)
            await robust.gate.release(bytes: bytes)
            return .serve
        } catch {
            await robust.gate.release(bytes: bytes)
            events(.receiptFailed(
                invocationID: retrieval.invocationID, operation: "append", error: "\(error)", cancelled: false,
                afterResponse: false))
            events(.refused(reason: "egress_receipt_unavailable"))
            return .refuse(reason: "egress_receipt_unavailable", retryAfterSeconds: settings.retryAfterSeconds)
        }
    }
}
