import ChaosNet
import Testing

/// Latency charged on the injected clock, and the counters reports use.
@Suite struct SimLatencyTests {
    @Test func manySmallFilesOnNFSCostOneOpenEach() async throws {
        let clock = ManualTestClock()
        let latency = SimFileSystem.Latency.nfs
        let fs = SimFileSystem(latency: latency, clock: clock)
        for index in 0..<100 {
            try await fs.writeFile(at: "/f\(index)", contents: [UInt8](repeating: 1, count: 760))
        }
        // 760 bytes at 760 MB/s take exactly a microsecond.
        #expect(latency.transfer(760) == .microseconds(1))
        #expect(clock.sleeps.count == 100)
        #expect(clock.elapsed == (latency.fileOpen + .microseconds(1)) * 100)
        #expect(fs.counters.fileOpens == 100)
        #expect(fs.counters.bytesWritten == 76_000)
        #expect(fs.counters.latencyTotal == clock.elapsed)
    }

    @Test func oneArchiveOfTheSameBytesIsFarCheaperThanManyFiles() async throws {
        let manyClock = ManualTestClock()
        let many = SimFileSystem(latency: .nfs, clock: manyClock)
        for index in 0..<100 {
            try await many.writeFile(at: "/f\(index)", contents: [UInt8](repeating: 1, count: 10_000))
        }
        let oneClock = ManualTestClock()
        let one = SimFileSystem(latency: .nfs, clock: oneClock)
        try await one.writeFile(at: "/cache.tar", contents: [UInt8](repeating: 1, count: 1_000_000))
        #expect(oneClock.elapsed < manyClock.elapsed / 50)
    }

    @Test func metadataOperationsCostOneRoundTripEach() async throws {
        let clock = ManualTestClock()
        let latency = SimFileSystem.Latency(metadataOperation: .milliseconds(3))
        let fs = SimFileSystem(latency: latency, clock: clock)
        try await fs.createDirectory(at: "/a/b/c", withIntermediates: true)
        #expect(clock.sleeps == [.milliseconds(3), .milliseconds(3), .milliseconds(3)])
        try await fs.createSymlink(at: "/a/l", target: "b")
        _ = try await fs.listDirectory(at: "/a")
        try await fs.rename(from: "/a/l", to: "/a/m")
        #expect(fs.counters.metadataOperations == 6)
        // removeTree: lstat, list a, list b, list c, rmdir c, rmdir b, unlink m, rmdir a.
        try await fs.removeTree(at: "/a")
        #expect(fs.counters.metadataOperations == 14)
        #expect(clock.elapsed == .milliseconds(3) * 14)
    }

    @Test func readsPayForOpenAndTransferAndSyncsForSync() async throws {
        let clock = ManualTestClock()
        let latency = SimFileSystem.Latency(
            fileOpen: .milliseconds(1), fileSync: .milliseconds(5), bytesPerSecond: 1000)
        let fs = SimFileSystem(latency: latency, clock: clock)
        let handle = try await fs.openForWriting(at: "/f")
        try await handle.append([UInt8](repeating: 0, count: 500))
        try await handle.sync()
        try await handle.close()
        _ = try await fs.readFile(at: "/f", offset: 400, count: 1000)
        try await fs.syncDirectory(at: "/")
        #expect(clock.sleeps == [.milliseconds(1), .milliseconds(500), .milliseconds(5), .milliseconds(101),
                                 .milliseconds(5)])
        #expect(fs.counters.fileSyncs == 1)
        #expect(fs.counters.directorySyncs == 1)
        #expect(fs.counters.bytesRead == 100)
    }

    @Test func noClockOrZeroLatencyNeverSleeps() async throws {
        let clock = ManualTestClock()
        let fs = SimFileSystem(clock: clock)
        try await fs.writeFile(at: "/f", contents: [1])
        #expect(clock.sleeps.isEmpty)
        let unclocked = SimFileSystem(latency: .nfs)
        try await unclocked.writeFile(at: "/f", contents: [1])
        let nfs = SimFileSystem.Latency.nfs
        #expect(unclocked.counters.latencyTotal == nfs.fileOpen + nfs.transfer(1))
    }

    @Test func latencyCanChangeMidRun() async throws {
        let clock = ManualTestClock()
        let fs = SimFileSystem(latency: .localDisk, clock: clock)
        try await fs.createDirectory(at: "/a")
        fs.latency = .nfs
        try await fs.createDirectory(at: "/b")
        #expect(clock.sleeps == [.microseconds(20), .milliseconds(4)])
    }
}
