import ChaosNet
import ChaosComponents
import Scenarios
import Testing

@Suite("Download queue")
struct DownloadQueueTests {
    typealias Fixture = DownloadQueueFixture

    struct AttemptReport: Sendable {
        var entry: DownloadQueueEntry?
        var fetchTimes: [Duration]
        var callCount: Int
    }

    @Test("a SOFT failure is retried once the delay has passed, up to the attempt maximum", arguments: [
        DownloadQueueVariant.naive, .robust,
    ])
    func softFailuresRetriedUpToMaximum(variant: DownloadQueueVariant) throws {
        let settings = DownloadQueueSettings(downloadMaxAttempts: 3)
        let report = try Fixture.simulate(seed: 11) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in
                try await clock.sleep(for: .seconds(100))  // longer than the 30 s timeout
                return Fixture.validClaim
            }
            let queue = try await Fixture.open(
                variant, settings: settings, fileSystem: SimFileSystem(), clock: clock, fetch: fetch)
            try await queue.enqueue("QmSlow")
            await queue.run(until: .epoch.advanced(by: .seconds(300)))
            return AttemptReport(
                entry: await queue.entry(for: "QmSlow"), fetchTimes: recorder.times,
                callCount: await queue.downloadCallCount)
        }
        // Attempt 1 starts at 0 and times out at 30; the retry is due at 30 + 60 = 90, not at 89; and so on.
        #expect(report.fetchTimes == [.seconds(0), .seconds(90), .seconds(180)])
        let entry = try #require(report.entry)
        #expect(entry.downloadAttempts == 3)
        #expect(entry.status == .failed)
        #expect(entry.failureType == .soft)
        #expect(entry.failureReason == "IPFSTimeout")
        #expect(entry.lastDownloadAttemptTime == .seconds(210))
        // Ticks: 0 (busy until 30), 30..<90, 90 (busy until 120), 120..<180, 180 (busy until 210), 210..<300.
        #expect(report.callCount == 1 + 60 + 1 + 60 + 1 + 90)
    }

    @Test("INVALID_JSON is a HARD failure: never retried by the robust queue, retried by the naive one")
    func hardFailures() throws {
        let settings = DownloadQueueSettings(downloadMaxAttempts: 3)
        var reports: [DownloadQueueVariant: AttemptReport] = [:]
        for variant in DownloadQueueVariant.allCases {
            reports[variant] = try Fixture.simulate(seed: 12) { simulation in
                let clock = simulation.clock
                let recorder = FetchRecorder()
                let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in Fixture.invalidClaim }
                let queue = try await Fixture.open(
                    variant, settings: settings, fileSystem: SimFileSystem(), clock: clock, fetch: fetch)
                try await queue.enqueue("QmHTML")
                await queue.run(until: .epoch.advanced(by: .seconds(300)))
                return AttemptReport(
                    entry: await queue.entry(for: "QmHTML"), fetchTimes: recorder.times,
                    callCount: await queue.downloadCallCount)
            }
        }
        let robust = try #require(reports[.robust])
        #expect(robust.fetchTimes == [.seconds(0)])
        #expect(robust.entry?.downloadAttempts == 1)
        #expect(robust.entry?.status == .failed)
        #expect(robust.entry?.failureType == .hard)
        #expect(robust.entry?.failureReason == "INVALID_JSON")
        let naive = try #require(reports[.naive])
        #expect(naive.fetchTimes == [.seconds(0), .seconds(60), .seconds(120)])
        #expect(naive.entry?.downloadAttempts == 3)
        #expect(naive.entry?.failureType == .hard)
        #expect(naive.entry?.status == .failed)
    }

    struct CountsReport: Sendable {
        var counts: [String]
        var entries: [DownloadQueueEntry]
        var claim: [UInt8]
        var fetchTimes: [Duration]
    }

    @Test("failures are counted by reason, sorted, and a valid claim is stored")
    func failureCountsByReason() throws {
        let settings = DownloadQueueSettings(downloadMaxAttempts: 1)
        let report = try Fixture.simulate(seed: 13) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { hash in
                switch hash {
                case "QmBadJSON": return Fixture.invalidClaim
                case "QmReset": throw Fixture.NetworkReset()
                case "QmGood": return Fixture.validClaim
                default:
                    try await clock.sleep(for: .seconds(31))
                    return Fixture.validClaim
                }
            }
            let fileSystem = SimFileSystem()
            let queue = try await Fixture.open(
                .robust, settings: settings, fileSystem: fileSystem, clock: clock, fetch: fetch)
            for hash in ["QmBadJSON", "QmSlow1", "QmReset", "QmGood", "QmSlow2"] { try await queue.enqueue(hash) }
            await queue.run(until: .epoch.advanced(by: .seconds(200)))
            return CountsReport(
                counts: await queue.failureCounts().map { "\($0.reason)=\($0.count)" },
                entries: await queue.entries, claim: try await fileSystem.readFile(at: "/claims/QmGood"),
                fetchTimes: recorder.times)
        }
        #expect(report.counts == ["INVALID_JSON=1", "IPFSNetworkError=1", "IPFSTimeout=2"])
        #expect(report.fetchTimes == [.seconds(0), .seconds(1), .seconds(31), .seconds(32), .seconds(33)])
        #expect(report.entries.map(\.status) == [.failed, .failed, .failed, .downloaded, .failed])
        let good = try #require(report.entries.first { $0.ipfsFileHash == "QmGood" })
        #expect(good.claimId == DownloadQueueState.claimId(of: Fixture.validClaim, hash: "QmGood"))
        #expect(good.failureReason == nil)
        #expect(report.claim == Fixture.validClaim)
        let violations = DownloadQueueInvariants.check(
            entries: report.entries, settings: settings, acknowledgedHashes: report.entries.map(\.ipfsFileHash),
            completedHashes: ["QmGood"], requireSettled: true)
        #expect(violations == [])
    }

    @Test("the loop calls downloadNextHash once per interval")
    func loopCallsEveryInterval() throws {
        let (times, calls, idleCalls) = try Fixture.simulate(seed: 14) { simulation in
            let clock = simulation.clock
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in Fixture.validClaim }
            let settings = DownloadQueueSettings(downloadIntervalInSeconds: 2)
            let queue = try await Fixture.open(
                .robust, settings: settings, fileSystem: SimFileSystem(), clock: clock, fetch: fetch)
            for index in 0..<4 { try await queue.enqueue("Qm\(index)") }
            await queue.run(until: .epoch.advanced(by: .seconds(20)))
            let idle = try await Fixture.open(
                .naive, settings: DownloadQueueSettings(), fileSystem: SimFileSystem(), clock: clock, fetch: fetch)
            await idle.run(until: clock.now.advanced(by: .seconds(10)))
            return (recorder.times, await queue.downloadCallCount, await idle.downloadCallCount)
        }
        #expect(times == [.seconds(0), .seconds(2), .seconds(4), .seconds(6)])
        #expect(calls == 10)  // 0, 2, ..., 18: the tick at 20 is the deadline, not before it.
        #expect(idleCalls == 10)
    }
}
