import ChaosNet
import ChaosComponents
import Scenarios
import Testing

@Suite("Download queue across crashes and restarts")
struct DownloadQueueCrashTests {
    typealias Fixture = DownloadQueueFixture

    struct CrashReport: Sendable {
        var entries: [DownloadQueueEntry]
        var violations: [InvariantViolation]
        var fetchedHashes: [String]
        var fetchTimes: [Duration]
        var completions: [String]
        var notes: [String] = []
    }

    @Test("a crash while the store is replaced keeps every acknowledged entry (robust)")
    func crashDuringEnqueueKeepsAcknowledgedEntries() throws {
        let settings = DownloadQueueSettings()
        let report = try Fixture.simulate(seed: 21) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in Fixture.validClaim }
            let fileSystem = SimFileSystem()
            let before = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            try await before.enqueue("QmA")
            try await before.enqueue("QmB")
            Fixture.crashAt(fileSystem, .rename, under: "/queue")
            var notes: [String] = []
            do {
                try await before.enqueue("QmC")
                notes.append("QmC acknowledged")
            } catch {
                notes.append("\(error)")
            }
            let after = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            let entries = await after.entries
            return CrashReport(
                entries: entries,
                violations: DownloadQueueInvariants.check(
                    entries: entries, settings: settings, acknowledgedHashes: ["QmA", "QmB"], completedHashes: [],
                    requireSettled: false),
                fetchedHashes: [], fetchTimes: [], completions: [], notes: notes)
        }
        #expect(report.notes == [
            "download queue storage failed: EIO: input/output error: /queue/storage.db.tmp: power lost"
        ])
        #expect(report.entries.map(\.ipfsFileHash) == ["QmA", "QmB"])
        #expect(report.entries.map(\.status) == [.pending, .pending])
        #expect(report.violations == [])
    }

    @Test("a crash before the claim is written: the attempt is kept, retried after the delay, completed once")
    func crashBeforeClaimIsWritten() throws {
        let settings = DownloadQueueSettings(downloadMaxAttempts: 5)
        let report = try Fixture.simulate(seed: 22) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in
                try await clock.sleep(for: .seconds(5))
                return Fixture.validClaim
            }
            let fileSystem = SimFileSystem()
            let before = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            try await before.enqueue("QmA")
            try await before.enqueue("QmB")
            Fixture.crashAt(fileSystem, .openForWriting, under: "/claims")
            let crashError = await Fixture.errorText { try await before.downloadNextHash() }
            let firstLife = await before.completionsApplied
            let after = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            await after.run(until: clock.now.advanced(by: .seconds(120)))
            let entries = await after.entries
            let completions = firstLife + (await after.completionsApplied)
            return CrashReport(
                entries: entries,
                violations: DownloadQueueInvariants.check(
                    entries: entries, settings: settings, acknowledgedHashes: ["QmA", "QmB"],
                    completedHashes: completions, requireSettled: true),
                fetchedHashes: recorder.calls.map(\.hash), fetchTimes: recorder.times, completions: completions,
                notes: [crashError])
        }
        #expect(report.notes == [
            "download queue storage failed: EIO: input/output error: /claims/QmA.tmp: power lost"
        ])
        // QmA: fetched at 0, crash at 5 (claim not written); reopened at 5 as INTERRUPTED, due again at 65.
        // QmB: fetched by the reopened queue at 5.
        #expect(report.fetchedHashes == ["QmA", "QmB", "QmA"])
        #expect(report.fetchTimes == [.seconds(0), .seconds(5), .seconds(65)])
        #expect(report.completions == ["QmB", "QmA"])
        let entryA = try #require(report.entries.first)
        #expect(entryA.downloadAttempts == 2)
        #expect(entryA.status == .downloaded)
        #expect(entryA.lastDownloadAttemptTime == .seconds(65))
        #expect(report.violations == [])
    }

    @Test("a crash after the claim is written but before the entry is marked: recovered without a second completion")
    func crashAfterClaimIsWritten() throws {
        let settings = DownloadQueueSettings()
        let report = try Fixture.simulate(seed: 23) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in Fixture.validClaim }
            let fileSystem = SimFileSystem()
            let before = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            try await before.enqueue("QmA")
            // The first rename under /queue records the attempt; the second would mark it downloaded.
            Fixture.crashAt(fileSystem, .rename, under: "/queue", skipCount: 1)
            let crashError = await Fixture.errorText { try await before.downloadNextHash() }
            let firstLife = await before.completionsApplied
            let after = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            // The producer redelivers the hash after the restart; enqueueing is idempotent.
            try await after.enqueue("QmA")
            await after.run(until: clock.now.advanced(by: .seconds(120)))
            let entries = await after.entries
            let completions = firstLife + (await after.completionsApplied)
            return CrashReport(
                entries: entries,
                violations: DownloadQueueInvariants.check(
                    entries: entries, settings: settings, acknowledgedHashes: ["QmA"], completedHashes: completions,
                    requireSettled: true),
                fetchedHashes: recorder.calls.map(\.hash), fetchTimes: recorder.times, completions: completions,
                notes: [crashError, String(decoding: try await fileSystem.readFile(at: "/claims/QmA"), as: UTF8.self)])
        }
        #expect(report.fetchedHashes == ["QmA"])
        #expect(report.completions == ["QmA"])
        #expect(report.entries.count == 1)
        #expect(report.entries.first?.status == .downloaded)
        #expect(report.entries.first?.downloadAttempts == 1)
        #expect(report.entries.first?.claimId == DownloadQueueState.claimId(of: Fixture.validClaim, hash: "QmA"))
        #expect(report.notes == [
            "download queue storage failed: EIO: input/output error: /queue/storage.db.tmp: power lost",
            String(decoding: Fixture.validClaim, as: UTF8.self),
        ])
        #expect(report.violations == [])
    }

    @Test("the naive queue loses its entries in a crash, and a redelivered hash is completed twice")
    func naiveLosesEntries() throws {
        let settings = DownloadQueueSettings()
        let report = try Fixture.simulate(seed: 24) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in Fixture.validClaim }
            let fileSystem = SimFileSystem()
            let before = try await Fixture.open(
                .naive, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            for hash in ["QmA", "QmB", "QmC"] { try await before.enqueue(hash) }
            try await before.downloadNextHash()
            let firstLife = await before.completionsApplied
            fileSystem.crash()
            let claimSize = try await fileSystem.attributes(at: "/claims/QmA").size
            let after = try await Fixture.open(
                .naive, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            let entriesAfterCrash = await after.entries
            let lost = DownloadQueueInvariants.check(
                entries: entriesAfterCrash, settings: settings, acknowledgedHashes: ["QmA", "QmB", "QmC"],
                completedHashes: firstLife, requireSettled: false)
            try await after.enqueue("QmA")
            try await after.downloadNextHash()
            let completions = firstLife + (await after.completionsApplied)
            return CrashReport(
                entries: entriesAfterCrash, violations: lost + DownloadQueueInvariants.check(
                    entries: await after.entries, settings: settings, acknowledgedHashes: ["QmA"],
                    completedHashes: completions, requireSettled: true),
                fetchedHashes: recorder.calls.map(\.hash), fetchTimes: recorder.times, completions: completions,
                notes: ["claim size after crash: \(claimSize)"])
        }
        #expect(report.entries == [])
        #expect(report.violations == [
            InvariantViolation(.noLostEntries, "entry QmA was acknowledged but is lost"),
            InvariantViolation(.noLostEntries, "entry QmB was acknowledged but is lost"),
            InvariantViolation(.noLostEntries, "entry QmC was acknowledged but is lost"),
            InvariantViolation(.noLostEntries, "entry QmA was completed 2 times"),
        ])
        #expect(report.completions == ["QmA", "QmA"])
        #expect(report.notes == ["claim size after crash: 0"])
    }

    @Test("the robust queue's entries survive a clean restart field for field")
    func cleanRestart() throws {
        let settings = DownloadQueueSettings()
        let (before, after, store) = try Fixture.simulate(seed: 25) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { hash in
                hash == "QmBad" ? Fixture.invalidClaim : Fixture.validClaim
            }
            let fileSystem = SimFileSystem()
            let first = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            for hash in ["QmBad", "QmGood", "QmLater"] { try await first.enqueue(hash) }
            try await clock.sleep(for: .seconds(3))
            try await first.downloadNextHash()
            try await first.downloadNextHash()
            let second = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            let store = String(decoding: try await fileSystem.readFile(at: "/queue/storage.db"), as: UTF8.self)
            return (await first.entries, await second.entries, store)
        }
        #expect(after == before)
        let claimId = DownloadQueueState.claimId(of: Fixture.validClaim, hash: "QmGood")
        #expect(store == """
            chaosnet-download-queue 1
            QmBad failed 1 3000000000 HARD INVALID_JSON -
            QmGood downloaded 1 3000000000 - - \(claimId)
            QmLater pending 0 - - - -

            """)
    }
}

@Suite("Download queue under concurrent use")
struct DownloadQueueConcurrencyTests {
    typealias Fixture = DownloadQueueFixture

    @Test("enqueues racing a download on a slow disk are all persisted, and a bad hash is refused")
    func concurrentEnqueuesArePersisted() throws {
        let settings = DownloadQueueSettings()
        for seed in UInt64(30)..<40 {
            let (entries, reopened, refusal) = try Fixture.simulate(seed: seed) { simulation in
                let clock = simulation.clock
                let recorder = FetchRecorder()
                let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in Fixture.validClaim }
                // Every step of a store replace suspends for milliseconds, so the writers overlap.
                let fileSystem = SimFileSystem(latency: .nfs, clock: clock)
                let queue = try await Fixture.open(
                    .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
                try await queue.enqueue("QmFirst")
                let loop = simulation.spawn(name: "download loop") {
                    await queue.run(until: clock.now.advanced(by: .seconds(3)))
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<6 { group.addTask { try await queue.enqueue("QmRacer\(index)") } }
                    try await group.waitForAll()
                }
                _ = try await loop.value
                let refusal = await Fixture.errorText { try await queue.enqueue("Qm/../etc") }
                fileSystem.crash()
                let reopened = try await Fixture.open(
                    .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
                return (await queue.entries, await reopened.entries, refusal)
            }
            #expect(entries.count == 7, "seed \(seed)")
            #expect(reopened == entries, "seed \(seed)")
            #expect(entries.filter { $0.status == .downloaded }.count == 3, "seed \(seed)")
            #expect(refusal.hasPrefix(#"invalid IPFS hash "Qm/../etc""#), "seed \(seed)")
        }
    }
}
