import ChaosComponents
import ChaosNet
import HTTPTypes
import Triage

/// The storage module's download queue: the producer enqueues every document, then the service loop calls
/// `downloadNextHash` every interval until `runFor` has passed. Each power loss (`ScenarioWorld+Power`: the scenario's
/// `crash` faults, or one crash point) ends the queue's process: the machine's unsynced data is lost, and when the
/// power is back the queue is opened again on the same disk (the naive queue, living in memory, starts empty) and the
/// producer redelivers what was never acknowledged.
final class DownloadQueueWorkload: ScenarioWorkload {
    typealias Queue = DownloadQueue<SimClock>

    let world: ScenarioWorld
    let variant: DownloadQueueVariant
    let config: QueueConfig
    /// Every hash whose `enqueue` returned without error, across lifetimes.
    private var acknowledged: [String] = []
    /// Every completion applied, across lifetimes.
    private var completions: [String] = []
    /// Errors the queue threw out of `open` or `enqueue` that no power loss explains.
    private var escaped: [String] = []
    private var finalEntries: [DownloadQueueEntry] = []
    /// The queue of the last process, as it was when the run ended.
    private var lastQueue: Queue?
    /// Failed attempts by reason, summed over every lifetime of the queue.
    private var failedAttempts: [String: Int] = [:]

    let documents: QueueDocuments

    init(world: ScenarioWorld, variant: VariantName, config: QueueConfig, documents: QueueDocuments) {
        self.world = world
        self.variant = variant.component(DownloadQueueVariant.self)
        self.config = config
        self.documents = documents
    }

    /// What one process of the queue did before it ended (at the deadline, or at a power loss).
    struct Life: Sendable {
        var queue: Queue?
        var acknowledged: [String] = []
        var escaped: [String] = []
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        let clock = world.simulation.clock
        let deadline = clock.now.advanced(by: config.runFor)
        while true {
            let acknowledgedSoFar = Set(acknowledged)
            let redelivered = documents.documents.map(\.cid).filter { !acknowledgedSoFar.contains($0) }
            let opener = self.opener
            let world = self.world
            let process = world.simulation.spawn(name: "queue process") {
                await DownloadQueueWorkload.live(open: opener, enqueue: redelivered, until: deadline, world: world)
            }
            world.armPowerLoss(before: deadline) { process.cancel() }
            let life = (try? await process.value) ?? Life()
            acknowledged += life.acknowledged
            escaped += life.escaped
            if let queue = life.queue {
                // One read of the actor per life: every hop is a scheduling step of the seed.
                let history = await queue.history
                completions += history.completionsApplied
                for (reason, count) in history.failedAttemptsByReason { failedAttempts[reason, default: 0] += count }
                lastQueue = queue
            }
            guard let loss = world.takePowerLoss() else { break }
            try? await clock.sleep(until: SimClock.Instant(offset: loss.end), tolerance: nil)
            world.simulation.trace("workload", "power back, reopening the queue")
        }
        return nil
    }

    /// One process: open the queue, take the producer's deliveries, run the service loop until `deadline`. An error
    /// counts as escaped only if no power loss happened since the process started (after one, every operation fails).
    static func live(
        open: @Sendable () async throws -> Queue, enqueue hashes: [String], until deadline: SimClock.Instant,
        world: ScenarioWorld
    ) async -> Life {
        let losses = world.powerLossCount
        var life = Life()
        func note(_ what: String, _ error: any Error) {
            if world.powerLossCount == losses { life.escaped.append("\(what): \(error)") }
        }
        let queue: Queue
        do {
            queue = try await open()
        } catch {
            note("open", error)
            return life
        }
        life.queue = queue
        for hash in hashes {
            do {
                try await queue.enqueue(hash)
                life.acknowledged.append(hash)
            } catch {
                note("enqueue \(hash)", error)
            }
        }
        await queue.run(until: deadline)
        return life
    }

    /// Checked as a restart would find the queue: the robust queue reopened from its store, the naive one in memory.
    /// (Reading it back is the checker's work, not the component's run, so it is here rather than in `perform`.)
    func violations() async -> [InvariantViolation] {
        var queue = lastQueue
        if variant == .robust, let reread = try? await opener() { queue = reread }
        finalEntries = await queue?.entries ?? []
        if let queue {
            let counts = await queue.failureCounts().map { "\($0.reason) \($0.count)" }.joined(separator: ", ")
            world.simulation.trace("workload", "queue settled; failures by reason: \(counts.isEmpty ? "none" : counts)")
        }
        return escaped.map { InvariantViolation(.noEscapedErrors, "queue error escaped: \($0)") }
            + DownloadQueueInvariants.check(
                entries: finalEntries, settings: config.settings, acknowledgedHashes: acknowledged,
                completedHashes: completions, requireSettled: true)
            + (await DownloadQueueInvariants.checkClaims(entries: finalEntries, fileSystem: world.fileSystem))
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

    /// Opens the queue on the world's disk, as a new process of the storage module does.
    private var opener: @Sendable () async throws -> Queue {
        let (variant, settings, fileSystem, clock, fetch) = (
            variant, config.settings, world.fileSystem, world.simulation.clock, fetch
        )
        return {
            try await DownloadQueue.open(
                variant: variant, settings: settings, fileSystem: fileSystem, clock: clock, epoch: .epoch, fetch: fetch)
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
