import ChaosCore
import ChaosNet
import Testing

/// Per-operation NFS costs: close-to-open COMMITs, the SETATTR barrier, readahead and the client page cache.
@Suite struct StorageProfileTests {
    static let profile = SimFileSystem.StorageProfile.nfsSync

    static func nfs(_ profile: SimFileSystem.StorageProfile = profile) -> (SimFileSystem, ManualTestClock) {
        let clock = ManualTestClock()
        let fs = SimFileSystem(mounts: [SimFileSystem.Mount(path: "/nfs", storage: profile)], clock: clock)
        return (fs, clock)
    }

    static func seconds(_ bytes: Int, at rate: Int) -> Duration { .seconds(bytes) / rate }

    @Test func aCpStyleCopyOfOneFilePaysItsCommitAtTheTimesSetattr() async throws {
        let (fs, clock) = Self.nfs()
        try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
        let start = clock.elapsed
        let size = 10_000_000
        let handle = try await fs.openForWriting(at: "/nfs/f", mode: 0o600, disposition: .exclusive)
        try await handle.append(content: FileContent(SyntheticBytes(seed: 1, count: size)))
        try await fs.setModificationTime(at: "/nfs/f", seconds: 1)
        try await fs.setPermissions(at: "/nfs/f", mode: 0o640)
        try await handle.close()
        let counts = try #require(fs.storageOperationCounts(atMount: "/nfs"))
        #expect(counts[.create] == 1)
        #expect(counts[.setattr] == 3)  // post-create, times, mode
        #expect(counts[.commit] == 1)  // at the times SETATTR; the close finds nothing left to commit
        #expect(counts[.write] == 10)  // 10 MB in 1 MiB pages
        let p = Self.profile
        let metadata = (p.roundTrip + p.stableMetadataCommit) * 4
        let commit = p.roundTrip + p.commitFixed + Self.seconds(size, at: p.commitDrainBytesPerSecond)
        #expect(clock.elapsed - start == metadata + commit + Self.seconds(size, at: p.wireWriteBytesPerSecond))
    }

    @Test func aCloseOfAWrittenFileCommitsAndV4AddsAClose() async throws {
        for version in [3, 4] {
            var profile = Self.profile
            profile.protocolVersion = version
            let (fs, _) = Self.nfs(profile)
            try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
            try await fs.writeFile(at: "/nfs/f", contents: [1, 2, 3])
            let counts = try #require(fs.storageOperationCounts(atMount: "/nfs"))
            #expect(counts[.commit] == 1)
            #expect(counts[.close] == (version == 4 ? 1 : 0))
            // v3 creates with a LOOKUP then CREATE; v4 with one OPEN.
            #expect(counts[.lookup] == (version == 3 ? 1 : 0))
            #expect(counts[.create] == 1)
        }
    }

    @Test func aStreamDrainsAtMostTheServersDirtyThresholdAtItsCommit() async throws {
        let (fs, clock) = Self.nfs()
        try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
        let handle = try await fs.openForWriting(at: "/nfs/a.tar", mode: 0o644, disposition: .overwrite)
        let before = clock.elapsed
        try await handle.append(content: FileContent(SyntheticBytes(seed: 1, count: 4_000_000_000)))
        try await handle.close()
        let p = Self.profile
        #expect(
            clock.elapsed - before
                == Self.seconds(4_000_000_000, at: p.wireWriteBytesPerSecond) + p.roundTrip + p.commitFixed
                + Self.seconds(p.serverDirtyBackgroundBytes, at: p.commitDrainBytesPerSecond))
    }

    @Test func anAsyncExportRepliesAfterOneRoundTrip() async throws {
        let (fs, clock) = Self.nfs(.nfsAsync)
        let rtt = SimFileSystem.StorageProfile.nfsAsync.roundTrip
        try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
        try await fs.createDirectory(at: "/nfs/a", mode: 0o755, withIntermediates: false)
        try await fs.rename(from: "/nfs/a", to: "/nfs/b")
        try await fs.setPermissions(at: "/nfs/b", mode: 0o700)
        #expect(clock.elapsed == rtt * 4)
        // Outside the mount the flat latency applies: free here.
        try await fs.createDirectory(at: "/elsewhere", mode: 0o755, withIntermediates: false)
        #expect(clock.elapsed == rtt * 4)
    }

    @Test func coldReadsPayARoundTripPerReadaheadWindowAndCachedOnesDoNot() async throws {
        let (fs, clock) = Self.nfs()
        try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
        let size = 64 << 20
        try await fs.writeFile(at: "/nfs/a", contents: [UInt8]())
        let handle = try await fs.openForWriting(at: "/nfs/a", mode: 0o644, disposition: .append)
        try await handle.append(content: FileContent(SyntheticBytes(seed: 2, count: size)))
        try await handle.close()
        let p = Self.profile
        let warmStart = clock.elapsed
        _ = try await fs.readContent(at: "/nfs/a")
        let warm = clock.elapsed - warmStart
        #expect(warm == p.roundTrip + Self.seconds(size, at: p.pageCacheBytesPerSecond))
        fs.dropClientCaches()
        let coldStart = clock.elapsed
        _ = try await fs.readContent(at: "/nfs/a")
        let cold = clock.elapsed - coldStart
        let windows = size / p.readaheadBytes
        #expect(cold == p.roundTrip + p.roundTrip * windows + Self.seconds(size, at: p.wireReadBytesPerSecond))
        // The cold read cached the file again.
        let againStart = clock.elapsed
        _ = try await fs.readContent(at: "/nfs/a", offset: 0, count: 1 << 20)
        #expect(clock.elapsed - againStart == p.roundTrip + Self.seconds(1 << 20, at: p.pageCacheBytesPerSecond))
    }

    @Test func aCrashForgetsUnflushedDataAndTheClientCache() async throws {
        let (fs, _) = Self.nfs()
        try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
        let handle = try await fs.openForWriting(at: "/nfs/a", mode: 0o644, disposition: .exclusive)
        try await handle.append(content: FileContent(SyntheticBytes(seed: 2, count: 1000)))
        fs.crash()
        // Nothing was synced: the file is empty, and a later close costs and commits nothing.
        #expect(try await fs.attributes(at: "/nfs/a").size == 0)
        try await handle.close()
        #expect(fs.storageOperationCounts(atMount: "/nfs")?[.commit] == 0)
    }

    @Test func theNearestMountsProfileApplies() async throws {
        let clock = ManualTestClock()
        let fs = SimFileSystem(
            mounts: [
                SimFileSystem.Mount(path: "/srv", storage: .localDisk),
                SimFileSystem.Mount(path: "/srv/nfs", storage: .nfsSync),
            ], clock: clock)
        try await fs.createDirectory(at: "/srv/nfs/x", mode: 0o755, withIntermediates: true)
        #expect(fs.storageOperationCounts(atMount: "/srv")?[.mkdir] == 1)
        #expect(fs.storageOperationCounts(atMount: "/srv/nfs")?[.mkdir] == 2)
        #expect(fs.storageOperationCounts(atMount: "/srvx") == nil)
    }
}
