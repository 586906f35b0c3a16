import ChaosNet
import Testing

/// The durability model: what a power loss keeps and what it loses.
@Suite struct SimCrashTests {
    @Test func syncedDataSurvivesAndUnsyncedDataIsLost() async throws {
        let fs = SimFileSystem()
        let handle = try await fs.openForWriting(at: "/wal")
        try await handle.append(bytes("committed;"))
        try await handle.sync()
        try await handle.append(bytes("in flight;"))
        fs.crash()
        #expect(try await fs.readFile(at: "/wal").text == "committed;")
        #expect(fs.counters.crashes == 1)
    }

    @Test func writeTempSyncRenameSurvivesIntact() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/srv")
        try await fs.writeFile(at: "/srv/config", contents: bytes("v1"))
        try await fs.syncFile(at: "/srv/config")
        try await fs.writeFile(at: "/srv/config.tmp", contents: bytes("v2"))
        try await fs.syncFile(at: "/srv/config.tmp")
        try await fs.rename(from: "/srv/config.tmp", to: "/srv/config")
        fs.crash()
        #expect(try await fs.listDirectory(at: "/srv") == ["config"])
        #expect(try await fs.readFile(at: "/srv/config").text == "v2")
    }

    @Test func writeTempRenameWithoutSyncBecomesEmpty() async throws {
        let fs = SimFileSystem()
        try await fs.writeFile(at: "/config", contents: bytes("v1"))
        try await fs.syncFile(at: "/config")
        try await fs.writeFile(at: "/config.tmp", contents: bytes("v2"))
        try await fs.rename(from: "/config.tmp", to: "/config")
        fs.crash()
        // The rename was journaled, the data never was: the classic zero-length file.
        #expect(try await fs.attributes(at: "/config").size == 0)
        #expect(try await fs.listDirectory(at: "/") == ["config"])
    }

    @Test func overwritingInPlaceWithoutSyncLosesBothVersions() async throws {
        let fs = SimFileSystem()
        try await fs.writeFile(at: "/state", contents: bytes("old state"))
        try await fs.syncFile(at: "/state")
        try await fs.writeFile(at: "/state", contents: bytes("new state"))
        fs.crash()
        #expect(try await fs.readFile(at: "/state").isEmpty)
    }

    @Test func metadataOperationsAreJournaled() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/a/b", withIntermediates: true)
        try await fs.writeFile(at: "/a/gone", contents: [1])
        try await fs.removeItem(at: "/a/gone")
        try await fs.createSymlink(at: "/a/link", target: "b")
        try await fs.rename(from: "/a/b", to: "/a/c")
        try await fs.setPermissions(at: "/a/c", mode: 0o700)
        let before = try fs.snapshot()
        fs.crash()
        #expect(FileTreeSnapshot.diff(from: before, to: try fs.snapshot()).isEmpty)
    }

    @Test func handlesOpenedBeforeACrashAreStale() async throws {
        let fs = SimFileSystem()
        let handle = try await fs.openForWriting(at: "/f")
        fs.crash()
        await #expect(throws: FileSystemError.ioError(path: "/f", message: "stale handle from before a crash")) {
            try await handle.append([1])
        }
        try await handle.close()
        #expect(fs.openHandleCount == 0)
    }

    @Test func anOperationSleepingThroughACrashFails() async throws {
        let clock = ManualTestClock()
        let fs = SimFileSystem(latency: .nfs, clock: clock)
        clock.onSleep { fs.crash() }
        await #expect(throws: FileSystemError.ioError(path: "/f", message: "interrupted by a crash")) {
            try await fs.writeFile(at: "/f", contents: [1])
        }
        clock.onSleep(nil)
        #expect(await !fs.exists(at: "/f"))
    }

    @Test func strictModeLosesEntriesOfUnsyncedDirectories() async throws {
        let fs = SimFileSystem(durability: .strictDirectories)
        try await fs.createDirectory(at: "/data")
        fs.checkpoint()
        try await fs.writeFile(at: "/data/synced", contents: bytes("kept"))
        try await fs.syncFile(at: "/data/synced")
        try await fs.syncDirectory(at: "/data")
        try await fs.writeFile(at: "/data/unlisted", contents: bytes("lost"))
        try await fs.syncFile(at: "/data/unlisted")
        try await fs.createDirectory(at: "/other")
        fs.crash()
        #expect(try await fs.listDirectory(at: "/") == ["data"])
        #expect(try await fs.listDirectory(at: "/data") == ["synced"])
        #expect(try await fs.readFile(at: "/data/synced").text == "kept")
        #expect(fs.inodeCount == 3)
        #expect(fs.usedBytes == 4)
    }

    @Test func strictModeRevertsARenameUntilTheDirectoryIsSynced() async throws {
        let fs = SimFileSystem(durability: .strictDirectories)
        try await fs.writeFile(at: "/current.tmp", contents: bytes("v2"))
        try await fs.syncFile(at: "/current.tmp")
        fs.checkpoint()
        try await fs.rename(from: "/current.tmp", to: "/current")
        fs.crash()
        #expect(try await fs.listDirectory(at: "/") == ["current.tmp"])
        try await fs.rename(from: "/current.tmp", to: "/current")
        try await fs.syncDirectory(at: "/")
        fs.crash()
        #expect(try await fs.listDirectory(at: "/") == ["current"])
        #expect(try await fs.readFile(at: "/current").text == "v2")
    }

    @Test func strictModeKeepsOneNameForAnInodeSyncedInTwoDirectories() async throws {
        let fs = SimFileSystem(durability: .strictDirectories)
        try await fs.createDirectory(at: "/a")
        try await fs.createDirectory(at: "/b")
        try await fs.writeFile(at: "/a/f", contents: [1])
        fs.checkpoint()
        try await fs.rename(from: "/a/f", to: "/b/f")
        try await fs.syncDirectory(at: "/b")
        fs.crash()
        #expect(try fs.snapshot().paths == ["a", "a/f", "b"])
        #expect(fs.inodeCount == 4)
    }
}
