import ChaosCore
import ChaosNet
import Testing

/// The file system remembers its last lookup; each test looks a path up, changes what the lookup depended on, and
/// looks it up again: the second answer must be the one a fresh walk gives.
@Suite struct SimResolutionMemoTests {
    private func world() async throws -> SimFileSystem {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/a/b", mode: 0o755, withIntermediates: true)
        try await fs.writeFile(at: "/a/b/f", contents: bytes("one"), mode: 0o644, disposition: .exclusive)
        return fs
    }

    @Test func aDirectoryMadeUnsearchableStopsTheNextLookup() async throws {
        let fs = try await world()
        #expect(try await fs.readFile(at: "/a/b/f") == bytes("one"))
        try await fs.setPermissions(at: "/a", mode: 0o600)
        await #expect(throws: FileSystemError.permissionDenied(path: "/a/b/f")) {
            try await fs.readFile(at: "/a/b/f")
        }
        try await fs.setPermissions(at: "/a", mode: 0o755)
        #expect(try await fs.readFile(at: "/a/b/f") == bytes("one"))
    }

    @Test func aChangeOfTheProcessesIdentityIsSeen() async throws {
        let fs = try await world()
        try await fs.setPermissions(at: "/a", mode: 0o700)
        #expect(try await fs.attributes(at: "/a/b/f").size == 3)
        fs.identity.userID = 2000
        await #expect(throws: FileSystemError.permissionDenied(path: "/a/b/f")) {
            try await fs.attributes(at: "/a/b/f")
        }
        fs.identity.userID = 1000
        #expect(try await fs.attributes(at: "/a/b/f").size == 3)
    }

    @Test func aForeignOwnerIsSeenAtOnce() async throws {
        let fs = try await world()
        try await fs.setPermissions(at: "/a/b", mode: 0o700)
        #expect(try await fs.listDirectory(at: "/a/b") == ["f"])
        try fs.setForeignOwner(at: "/a/b")
        await #expect(throws: FileSystemError.permissionDenied(path: "/a/b/f")) {
            try await fs.readFile(at: "/a/b/f")
        }
    }

    @Test func renamesAndRemovalsAreSeen() async throws {
        let fs = try await world()
        #expect(try await fs.attributes(at: "/a/b/f").kind == .file)
        try await fs.rename(from: "/a/b", to: "/a/c")
        await #expect(throws: FileSystemError.notFound(path: "/a/b/f")) { try await fs.attributes(at: "/a/b/f") }
        #expect(try await fs.readFile(at: "/a/c/f") == bytes("one"))
        try await fs.removeItem(at: "/a/c/f")
        await #expect(throws: FileSystemError.notFound(path: "/a/c/f")) { try await fs.readFile(at: "/a/c/f") }
    }

    @Test func aReplacedSymlinkLeadsToItsNewTarget() async throws {
        let fs = try await world()
        try await fs.createDirectory(at: "/x", mode: 0o755, withIntermediates: false)
        try await fs.writeFile(at: "/x/f", contents: bytes("two"), mode: 0o644, disposition: .exclusive)
        try await fs.createSymlink(at: "/link", target: "/a/b")
        #expect(try await fs.readFile(at: "/link/f") == bytes("one"))
        try await fs.removeItem(at: "/link")
        try await fs.createSymlink(at: "/link", target: "/x")
        #expect(try await fs.readFile(at: "/link/f") == bytes("two"))
    }

    @Test func aFinalSymlinkIsFollowedOrNotAsEachLookupAsks() async throws {
        let fs = try await world()
        try await fs.createSymlink(at: "/a/l", target: "b/f")
        #expect(try await fs.attributes(at: "/a/l", followSymlinks: false).kind == .symlink)
        #expect(try await fs.attributes(at: "/a/l", followSymlinks: true).kind == .file)
        #expect(try await fs.attributes(at: "/a/l", followSymlinks: false).kind == .symlink)
    }

    @Test func anEntryCreatedAfterAMissedLookupIsFound() async throws {
        let fs = try await world()
        await #expect(throws: FileSystemError.notFound(path: "/a/b/g")) { try await fs.readFile(at: "/a/b/g") }
        try await fs.writeFile(at: "/a/b/g", contents: bytes("new"), mode: 0o644, disposition: .exclusive)
        #expect(try await fs.readFile(at: "/a/b/g") == bytes("new"))
        // A symlink created where a lookup missed is followed by the next lookup that follows.
        await #expect(throws: FileSystemError.notFound(path: "/a/s")) { try await fs.attributes(at: "/a/s") }
        try await fs.createSymlink(at: "/a/s", target: "b/g")
        #expect(try await fs.attributes(at: "/a/s").size == 3)
        #expect(try await fs.attributes(at: "/a/s", followSymlinks: false).kind == .symlink)
    }

    @Test func aCrashThatLosesADirectoryIsSeen() async throws {
        let fs = SimFileSystem(durability: .strictDirectories)
        try await fs.createDirectory(at: "/d", mode: 0o755, withIntermediates: false)
        try await fs.writeFile(at: "/d/f", contents: bytes("x"), mode: 0o644, disposition: .exclusive)
        #expect(try await fs.readFile(at: "/d/f") == bytes("x"))
        fs.crash()
        await #expect(throws: FileSystemError.notFound(path: "/d/f")) { try await fs.readFile(at: "/d/f") }
    }
}
