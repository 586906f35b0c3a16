import ChaosComponents
import ChaosNet
import HTTPTypes
import Triage

/// The storage module's download queue: every document is enqueued at the start, then the service loop calls
/// `downloadNextHash` every interval until `runFor` has passed. At each power loss of the scenario's `crash` faults
/// the machine's unsynced data is lost and the loop stops; when the power is back the queue is opened again on the
/// same disk (the naive queue, living in memory, starts empty).
final class DownloadQueueWorkload: ScenarioWorkload {
    typealias Queue = DownloadQueue<SimClock>

    let world: ScenarioWorld
    let variant: DownloadQueueVariant
    let config: QueueConfig
    /// Every hash whose `enqueue` returned without error, across lifetimes.
    private var acknowledged: [String] = []
    /// Every completion applied, across lifetimes.
    private var completions: [String] = []
    /// Errors the queue threw out of `open` or `enqueue`.
    private var escaped: [String] = []
    private var finalEntries: [DownloadQueueEntry] = []
    /// Failed attempts by reason, summed over every lifetime of the queue.
    private var failedAttempts: [String: Int] = [:]

    let documents: QueueDocuments

    init(world: ScenarioWorld, variant: VariantName, config: QueueConfig, documents: QueueDocuments) {
        self.world = world
        self.variant = variant.component(DownloadQueueVariant.self)
        self.config = config
        self.documents = documents
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        let clock = world.simulation.clock
        let deadline = clock.now.advanced(by: config.runFor)
        guard var queue = await open() else { return nil }
        for document in documents.documents {
            do {
                try await queue.enqueue(document.cid)
                acknowledged.append(document.cid)
            } catch {
                escaped.append("enqueue \(document.cid): \(error)")
            }
        }
        while true {
            let crash = world.nextCrash(after: clock.now.offset).flatMap {
                SimClock.Instant(offset: $0.start) < deadline ? $0 : nil
            }
            let life = queue
            let loop = world.simulation.spawn(name: "download loop") { await life.run(until: deadline) }
            if let crash {
                let fileSystem = world.fileSystem
                let simulation = world.simulation
                _ = simulation.schedule(at: SimClock.Instant(offset: max(crash.start, clock.now.offset))) {
                    simulation.trace("workload", "power lost")
                    fileSystem.crash()
                    loop.cancel()
                }
            }
            _ = await loop.result
            // One read of the actor, as before figures were counted: a second hop would change the interleaving.
            let history = await life.history
            completions += history.completionsApplied
            for (reason, count) in history.failedAttemptsByReason { failedAttempts[reason, default: 0] += count }
            guard let crash else { break }
            try? await clock.sleep(until: SimClock.Instant(offset: crash.end), tolerance: nil)
            world.simulation.trace("workload", "power back, reopening the queue")
            guard let reopened = await open() else { return nil }
            queue = reopened
        }
        // What survives is what a restart would read: the store for the robust queue, memory for the naive one.
        if variant == .robust, let reread = await open() {
            queue = reread
        }
        finalEntries = await queue.entries
        let counts = await queue.failureCounts().map { "\($0.reason) \($0.count)" }.joined(separator: ", ")
        world.simulation.trace("workload", "queue settled; failures by reason: \(counts.isEmpty ? "none" : counts)")
        return nil
    }

    func violations() async -> [InvariantViolation] {
        escaped.map { InvariantViolation(.noEscapedErrors, "queue error escaped: \($0)") }
            + DownloadQueueInvariants.check(
                entries: finalEntries, settings: config.settings, acknowledgedHashes: acknowledged,
                completedHashes: completions, requireSettled: true)
    }

    /// The entries a restart finds, grouped as the storage module's `print-storage-errors` groups its collection
    /// (by `failureReason`, `null` for entries without one) and by `failureType` and status, the attempts each
    /// entry took, and every failed attempt of the run by reason (a lost entry's failures included).
    func figures() async -> SeedFigures {
        var figures = SeedFigures()
        for (reason, count) in failedAttempts { figures.count("failed_attempts_by_reason", reason, by: count) }
        for entry in finalEntries {
            figures.count("failures_by_reason", entry.failureReason ?? "null")
            figures.count("failures_by_type", entry.failureType?.rawValue ?? "null")
            figures.count("entries_by_status", entry.status.rawValue)
            figures.record("attempts_per_entry", Double(entry.downloadAttempts))
        }
        return figures
    }

    private func open() async -> Queue? {
        do {
            return try await DownloadQueue.open(
                variant: variant, settings: config.settings, fileSystem: world.fileSystem,
                clock: world.simulation.clock, epoch: .epoch, fetch: fetch)
        } catch {
            escaped.append("open: \(error)")
            return nil
        }
    }

    /// Kubo's `cat`: the document's bytes, or an error the queue classifies (its own timeout bounds the call).
    private var fetch: Queue.Fetch {
        let client = world.client
        let authority = world.registryAuthority
        return { hash in
            let request = HTTPRequest(
                method: .post, scheme: "http", authority: authority, path: "/api/v0/cat?arg=\(hash)")
            let response = try await client.execute(request, body: nil, timeouts: HTTPTimeouts(connect: .seconds(10)))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            guard response.head.status.code == 200 else {
                throw HTTPStatusError(status: response.head.status.code, body: String(decoding: bytes, as: UTF8.self))
            }
            return bytes
        }
    }
}
