import ChaosNet
import Testing

/// Symbolic links, run against both the simulated and the real file system.
@Suite struct SymlinkConformanceTests {
    @Test(arguments: Backend.allCases)
    func relativeAndAbsoluteTargetsAreKeptVerbatim(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("data/tablespace"), withIntermediates: true)
            try await fs.writeFile(at: fixture.path("data/tablespace/t1"), contents: bytes("rows"))
            try await fs.createDirectory(at: fixture.path("pg"))
            let absolute = fixture.path("data/tablespace")
            try await fs.createSymlink(at: fixture.path("pg/absolute"), target: absolute)
            try await fs.createSymlink(at: fixture.path("pg/relative"), target: "../data//./tablespace/")
            #expect(try await fs.readSymlink(at: fixture.path("pg/absolute")) == absolute)
            #expect(try await fs.readSymlink(at: fixture.path("pg/relative")) == "../data//./tablespace/")
            #expect(try await fs.attributes(at: fixture.path("pg/relative"), followSymlinks: false).kind == .symlink)
            #expect(try await fs.attributes(at: fixture.path("pg/relative"), followSymlinks: false).size == 22)
            #expect(try await fs.attributes(at: fixture.path("pg/relative")).kind == .directory)
            // Intermediate symlinks are followed for lookups.
            #expect(try await fs.readFile(at: fixture.path("pg/relative/t1")).text == "rows")
            #expect(try await fs.readFile(at: fixture.path("pg/absolute/t1")).text == "rows")
            #expect(try await fs.listDirectory(at: fixture.path("pg/absolute")) == ["t1"])
        }
    }

    @Test(arguments: Backend.allCases)
    func aRelativeTargetsDotDotIsResolvedFromTheLinksDirectory(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("a/b"), withIntermediates: true)
            try await fs.writeFile(at: fixture.path("a/file"), contents: bytes("in a"))
            try await fs.createSymlink(at: fixture.path("b-link"), target: "a/b")
            try await fs.createSymlink(at: fixture.path("a/b/up"), target: "../file")
            // b-link/up → a/b/../file, physically: a/file.
            #expect(try await fs.readFile(at: fixture.path("b-link/up")).text == "in a")
        }
    }

    @Test(arguments: Backend.allCases)
    func creatingOverAnExistingEntryFails(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            await #expect(throws: FileSystemError.alreadyExists(path: fixture.path("f"))) {
                try await fs.createSymlink(at: fixture.path("f"), target: "elsewhere")
            }
            await #expect(throws: FileSystemError.invalidPath(path: fixture.path("f"), reason: "not a symbolic link")) {
                try await fs.readSymlink(at: fixture.path("f"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("m"))) {
                try await fs.readSymlink(at: fixture.path("m"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func aSymlinkLoopIsTooManySymlinks(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createSymlink(at: fixture.path("a"), target: "b")
            try await fs.createSymlink(at: fixture.path("b"), target: fixture.path("a"))
            await #expect(throws: FileSystemError.tooManySymlinks(path: fixture.path("a"))) {
                try await fs.readFile(at: fixture.path("a"))
            }
            await #expect(throws: FileSystemError.tooManySymlinks(path: fixture.path("a/x"))) {
                try await fs.attributes(at: fixture.path("a/x"), followSymlinks: false)
            }
            // The final component is not followed: the loop itself can be inspected and removed.
            #expect(try await fs.attributes(at: fixture.path("a"), followSymlinks: false).kind == .symlink)
            try await fs.removeItem(at: fixture.path("a"))
        }
    }

    @Test(arguments: Backend.allCases)
    func aDanglingSymlinkIsNotFoundWhenFollowed(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createSymlink(at: fixture.path("l"), target: "missing")
            await #expect(throws: FileSystemError.notFound(path: fixture.path("l"))) {
                try await fs.attributes(at: fixture.path("l"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("l"))) {
                try await fs.readFile(at: fixture.path("l"))
            }
        }
    }
}
