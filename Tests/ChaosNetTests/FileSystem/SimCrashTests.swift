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

    @Test func aStrictMountUnderAJournaledRootLosesOnlyItsOwnUnsyncedEntries() async throws {
        let fs = SimFileSystem(mounts: [SimFileSystem.Mount(path: "/var/queue", durability: .strictDirectories)])
        try await fs.createDirectory(at: "/var/queue/claims", withIntermediates: true)
        try await fs.writeFile(at: "/var/queue/entry", contents: bytes("e"))
        try await fs.syncFile(at: "/var/queue/entry")
        try await fs.writeFile(at: "/var/log", contents: bytes("l"))
        try await fs.syncFile(at: "/var/log")
        fs.crash()
        // The journaled root kept `/var/queue` and `/var/log`; the strict mount lost what it never synced.
        #expect(try fs.snapshot().paths == ["var", "var/log", "var/queue"])
        try await fs.writeFile(at: "/var/queue/entry", contents: bytes("e"))
        try await fs.syncFile(at: "/var/queue/entry")
        try await fs.syncDirectory(at: "/var/queue")
        fs.crash()
        #expect(try fs.snapshot().paths == ["var", "var/log", "var/queue", "var/queue/entry"])
    }

    @Test func aJournaledMountUnderAStrictRootKeepsItsEntries() async throws {
        let fs = SimFileSystem(
            durability: .strictDirectories,
            mounts: [SimFileSystem.Mount(path: "/data", durability: .journaledMetadata)])
        try await fs.createDirectory(at: "/data")
        try await fs.syncDirectory(at: "/")
        try await fs.writeFile(at: "/data/f", contents: bytes("f"))
        try await fs.syncFile(at: "/data/f")
        try await fs.writeFile(at: "/g", contents: bytes("g"))
        try await fs.syncFile(at: "/g")
        fs.crash()
        #expect(try fs.snapshot().paths == ["data", "data/f"])
    }

    @Test func mountPathsMustBeAbsoluteAndNormalised() {
        #expect(SimFileSystem.isMountPath("/"))
        #expect(SimFileSystem.isMountPath("/var/lib/queue"))
        for bad in ["", "var", "/var/", "/var//lib", "/var/./lib", "/var/../lib"] {
            #expect(!SimFileSystem.isMountPath(bad), "\(bad)")
        }
    }
}

@Suite("Crash points")
struct CrashPointTests {
    @Test("operations that change the disk are counted; reads, listings and attributes are not")
    func counting() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/d")
        try await fs.writeFile(at: "/d/f", contents: [1, 2])
        _ = try await fs.readFile(at: "/d/f")
        _ = try await fs.listDirectory(at: "/d")
        try await fs.syncFile(at: "/d/f")
        try await fs.rename(from: "/d/f", to: "/d/g")
        try await fs.syncDirectory(at: "/d")
        try await fs.removeItem(at: "/d/g")
        // mkdir, open + write (writeFile), fsync, rename, fsync(dir), unlink.
        #expect(fs.diskChangingOperationCount == 7)
    }

    @Test("the power is lost as the n-th operation starts: the disk is as operation n - 1 left it, once")
    func strikesBeforeTheOperation() async throws {
        let fs = SimFileSystem()
        var struck: [String] = []
        // 1 open, 2 write, 3 sync, 4 rename: the rename never happens, the synced temporary file stays.
        fs.crashPoint = SimFileSystem.CrashPoint(operation: 4) { struck.append($0) }
        try await fs.writeFile(at: "/a.tmp", contents: bytes("v1"))
        try await fs.syncFile(at: "/a.tmp")
        await #expect(throws: FileSystemError.ioError(
            path: "/a.tmp", message: "power lost at crash point 4 (rename /a.tmp → /a)")) {
            try await fs.rename(from: "/a.tmp", to: "/a")
        }
        #expect(struck == ["rename /a.tmp → /a"])
        #expect(fs.counters.crashes == 1)
        #expect(fs.crashPoint == nil)
        #expect(try fs.snapshot().paths == ["a.tmp"])
        #expect(try await fs.readFile(at: "/a.tmp").text == "v1")
        // After the reboot the disk works again, and the point does not fire twice.
        try await fs.rename(from: "/a.tmp", to: "/a")
        try await fs.writeFile(at: "/b", contents: bytes("v2"))
        #expect(fs.counters.crashes == 1)
        #expect(try fs.snapshot().paths == ["a", "b"])
    }
}
