import ChaosNet
import Testing

/// The simulated permission model: owner bits, the parent's write bit for entries, foreign owners.
@Suite struct SimPermissionTests {
    /// A file system with `/ro` (mode 0o500) holding a file and a directory.
    private func makeReadOnlyDirectory() async throws -> SimFileSystem {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/ro/sub", withIntermediates: true)
        try await fs.writeFile(at: "/ro/f", contents: [1])
        try await fs.createDirectory(at: "/elsewhere")
        try await fs.setPermissions(at: "/ro", mode: 0o500)
        return fs
    }

    @Test func aParentWithoutTheWriteBitRefusesCreateRemoveAndRename() async throws {
        let fs = try await makeReadOnlyDirectory()
        await #expect(throws: FileSystemError.permissionDenied(path: "/ro/new")) {
            try await fs.writeFile(at: "/ro/new", contents: [1])
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/ro/newdir")) {
            try await fs.createDirectory(at: "/ro/newdir")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/ro/link")) {
            try await fs.createSymlink(at: "/ro/link", target: "f")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/ro/f")) {
            try await fs.removeItem(at: "/ro/f")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/ro/f")) {
            try await fs.rename(from: "/ro/f", to: "/elsewhere/f")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/ro/g")) {
            try await fs.rename(from: "/elsewhere", to: "/ro/g")
        }
        // Writing an existing, writable file needs no write bit on the directory.
        try await fs.writeFile(at: "/ro/f", contents: [2])
        #expect(try await fs.listDirectory(at: "/ro") == ["f", "sub"])
    }

    @Test func removeTreeStopsPartwayAtAnUnwritableDirectoryLikeRmRf() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/t/a", withIntermediates: true)
        try await fs.createDirectory(at: "/t/b")
        try await fs.writeFile(at: "/t/a/1", contents: [1])
        try await fs.writeFile(at: "/t/b/2", contents: [2])
        try await fs.writeFile(at: "/t/c", contents: [3])
        try await fs.setPermissions(at: "/t/b", mode: 0o500)
        await #expect(throws: FileSystemError.permissionDenied(path: "/t/b/2")) {
            try await fs.removeTree(at: "/t")
        }
        // Sorted order: a went first, b stopped the walk, c was never reached.
        #expect(try fs.snapshot(of: "/t").paths == ["b", "b/2", "c"])
    }

    @Test func searchAndReadBitsGuardTraversalListingAndReading() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/d/inner", withIntermediates: true)
        try await fs.writeFile(at: "/d/inner/f", contents: [1])
        try await fs.setPermissions(at: "/d", mode: 0o600)
        await #expect(throws: FileSystemError.permissionDenied(path: "/d/inner/f")) {
            try await fs.readFile(at: "/d/inner/f")
        }
        #expect(try await fs.listDirectory(at: "/d") == ["inner"])
        try await fs.setPermissions(at: "/d", mode: 0o300)
        await #expect(throws: FileSystemError.permissionDenied(path: "/d")) {
            try await fs.listDirectory(at: "/d")
        }
        #expect(try await fs.readFile(at: "/d/inner/f") == [1])
        try await fs.setPermissions(at: "/d/inner/f", mode: 0o200)
        await #expect(throws: FileSystemError.permissionDenied(path: "/d/inner/f")) {
            try await fs.readFile(at: "/d/inner/f")
        }
        try await fs.setPermissions(at: "/d/inner/f", mode: 0o400)
        await #expect(throws: FileSystemError.permissionDenied(path: "/d/inner/f")) {
            try await fs.writeFile(at: "/d/inner/f", contents: [2])
        }
    }

    @Test func aForeignOwnedDataDirectoryIsOpaqueAndCannotBeChmodded() async throws {
        // pgdata: mode 0o700 owned by postgres, inspected by the CI user.
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/cache/pgdata/base", mode: 0o700, withIntermediates: true)
        try await fs.writeFile(at: "/cache/pgdata/PG_VERSION", contents: bytes("17"))
        try fs.setForeignOwner(at: "/cache/pgdata")
        await #expect(throws: FileSystemError.permissionDenied(path: "/cache/pgdata")) {
            try await fs.listDirectory(at: "/cache/pgdata")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/cache/pgdata/PG_VERSION")) {
            try await fs.readFile(at: "/cache/pgdata/PG_VERSION")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/cache/pgdata")) {
            try await fs.setPermissions(at: "/cache/pgdata", mode: 0o755)
        }
        try fs.setForeignOwner(at: "/cache/pgdata", false)
        #expect(try await fs.listDirectory(at: "/cache/pgdata") == ["PG_VERSION", "base"])
    }

    @Test func aReadOnlyFileSystemRefusesEveryModificationButReads() async throws {
        let fs = SimFileSystem()
        try await fs.writeFile(at: "/f", contents: [1])
        fs.isReadOnly = true
        await #expect(throws: FileSystemError.readOnlyFileSystem) { try await fs.writeFile(at: "/g", contents: [1]) }
        await #expect(throws: FileSystemError.readOnlyFileSystem) { try await fs.createDirectory(at: "/d") }
        await #expect(throws: FileSystemError.readOnlyFileSystem) { try await fs.removeItem(at: "/f") }
        await #expect(throws: FileSystemError.readOnlyFileSystem) { try await fs.rename(from: "/f", to: "/h") }
        #expect(try await fs.readFile(at: "/f") == [1])
        try await fs.createDirectory(at: "/", withIntermediates: true)
    }
}
