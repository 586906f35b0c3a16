import ChaosNet
import ChaosComponents
import Scenarios
import Testing

/// Random fetch outcomes and power losses at random virtual times, over many seeds.
@Suite("Download queue crash sweep")
struct DownloadQueueSweepTests {
    typealias Fixture = DownloadQueueFixture

    struct SweepReport: Sendable {
        var violations: [InvariantViolation]
        var crashes: Int
        var fetchCount: Int
        var crashesInsideWrites: Int
    }

    /// Holds the current life's loop task for the crash callback; touched only on the simulation's thread.
    final class LoopBox: @unchecked Sendable {
        var task: SimTask<Void>?
    }

    static let hashes = (0..<8).map { "QmEntry\($0)" }
    static let settings = DownloadQueueSettings(downloadMaxAttempts: 3)

    /// Three lives of a queue: each runs its loop until a crash at a random time (the last one until everything has
    /// settled), then the machine loses power and a new queue opens the same file system. Returns the invariant
    /// violations over all lives.
    static func sweep(variant: DownloadQueueVariant, seed: UInt64) -> SimulationResult<SweepReport> {
        Simulation(seed: seed, configuration: SimulationConfiguration(timeLimit: .seconds(36_000))).run { simulation in
            let clock = simulation.clock
            let outcomes = simulation.random("ipfs")
            let crashPoints = simulation.random("crashes")
            var injectedBefore = 0
            let recorder = FetchRecorder()
            let fetch = Fixture.fetch(clock: clock, recorder: recorder) { _ in
                let draw = outcomes.uniform(below: 100)
                try await clock.sleep(for: .seconds(outcomes.uniform(below: 40)))
                switch draw {
                case 0..<60: return Fixture.validClaim
                case 60..<75: throw Fixture.NetworkReset()
                case 75..<85: return Fixture.invalidClaim
                default:
                    try await clock.sleep(for: .seconds(100))
                    return Fixture.validClaim
                }
            }
            let fileSystem = SimFileSystem()
            var completions: [String] = []
            var queue = try await DownloadQueue.open(
                variant: variant, settings: settings, fileSystem: fileSystem, clock: clock, epoch: .epoch,
                fetch: fetch)
            for hash in hashes { try await queue.enqueue(hash) }
            for _ in 0..<2 {
                let life = queue
                let loop = LoopBox()
                // Power is lost just before a random file system operation of this life or, if the life does
                // fewer operations, at a random time; either way the old queue's task is stopped at once.
                let rule = fileSystem.injectFailure(
                    Set(SimFileSystem.OperationKind.allCases), error: .ioError(message: "power lost"),
                    skipCount: crashPoints.uniform(below: 80), fireCountMax: 1)
                fileSystem.onFailureInjected = { _, _, _ in
                    fileSystem.crash()
                    loop.task?.cancel()
                }
                loop.task = simulation.spawn(name: "download loop") {
                    await life.run(until: clock.now.advanced(by: .seconds(100_000)))
                }
                try await clock.sleep(for: .milliseconds(1000 + crashPoints.uniform(below: 300_000)))
                if fileSystem.counters.injectedFailures == injectedBefore {
                    fileSystem.crash()
                    loop.task?.cancel()
                }
                injectedBefore = fileSystem.counters.injectedFailures
                fileSystem.removeFailureRule(named: rule)
                fileSystem.onFailureInjected = nil
                _ = await loop.task?.result
                completions += await life.completionsApplied
                queue = try await DownloadQueue.open(
                    variant: variant, settings: settings, fileSystem: fileSystem, clock: clock, epoch: .epoch,
                    fetch: fetch)
            }
            // Long enough for 8 entries × 3 attempts × (≤ 140 s fetch + 60 s delay).
            await queue.run(until: clock.now.advanced(by: .seconds(8 * 3 * 200)))
            completions += await queue.completionsApplied
            let violations = DownloadQueueInvariants.check(
                entries: await queue.entries, settings: settings, acknowledgedHashes: hashes,
                completedHashes: completions, requireSettled: true)
            return SweepReport(
                violations: violations, crashes: fileSystem.counters.crashes, fetchCount: recorder.calls.count,
                crashesInsideWrites: fileSystem.counters.injectedFailures)
        }
    }

    @Test("the robust queue keeps every invariant through two crashes, for 40 seeds")
    func robustSweep() throws {
        var fetchCounts: Set<Int> = []
        var crashesInsideWrites = 0
        for seed in UInt64(0)..<40 {
            let result = Self.sweep(variant: .robust, seed: seed)
            #expect(result.outcome == .completed, "seed \(seed)")
            #expect(result.unfinishedTaskCount == 0, "seed \(seed)")
            let report = try #require(try result.value?.get(), "seed \(seed)")
            #expect(report.violations == [], "seed \(seed)")
            #expect(report.crashes == 2, "seed \(seed)")
            fetchCounts.insert(report.fetchCount)
            crashesInsideWrites += report.crashesInsideWrites
        }
        #expect(crashesInsideWrites > 40, "most crashes should land inside file system work")
        #expect(fetchCounts.count > 5, "seeds should explore different worlds")
    }

    @Test("the naive queue comes back from its crashes with none of its 8 acknowledged entries")
    func naiveSweep() throws {
        for seed in UInt64(0)..<10 {
            let result = Self.sweep(variant: .naive, seed: seed)
            let report = try #require(try result.value?.get(), "seed \(seed)")
            let lost = report.violations.filter {
                $0.invariant == .noLostEntries && $0.message.hasSuffix("was acknowledged but is lost")
            }
            #expect(lost.count == 8, "seed \(seed)")
        }
    }

    @Test("the same seed gives the same trace digest")
    func sameSeedSameDigest() {
        let first = Self.sweep(variant: .robust, seed: 77)
        let second = Self.sweep(variant: .robust, seed: 77)
        #expect(first.outcome == .completed)
        #expect(first.digest == second.digest)
        #expect(first.virtualTime == second.virtualTime)
    }
}
