import ChaosNet
import Testing

/// Removal and rename, run against both the simulated and the real file system.
@Suite struct RemoveAndRenameConformanceTests {
    @Test(arguments: Backend.allCases)
    func removeItemRemovesFilesSymlinksAndEmptyDirectoriesOnly(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("d/sub"), withIntermediates: true)
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            try await fs.createSymlink(at: fixture.path("l"), target: "d")
            try await fs.removeItem(at: fixture.path("f"))
            try await fs.removeItem(at: fixture.path("l"))
            #expect(try await fs.attributes(at: fixture.path("d")).kind == .directory)
            await #expect(throws: FileSystemError.directoryNotEmpty(path: fixture.path("d"))) {
                try await fs.removeItem(at: fixture.path("d"))
            }
            try await fs.removeItem(at: fixture.path("d/sub"))
            try await fs.removeItem(at: fixture.path("d"))
            #expect(try await fs.listDirectory(at: fixture.root).isEmpty)
            await #expect(throws: FileSystemError.notFound(path: fixture.path("f"))) {
                try await fs.removeItem(at: fixture.path("f"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func removeTreeNeverFollowsSymlinks(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            // The outside directory the tree links to, as pg_tblspc links to tablespaces.
            try await fs.createDirectory(at: fixture.path("outside/deep"), withIntermediates: true)
            try await fs.writeFile(at: fixture.path("outside/deep/keep"), contents: bytes("precious"))
            try await fs.createDirectory(at: fixture.path("tree/a/b"), withIntermediates: true)
            try await fs.writeFile(at: fixture.path("tree/a/b/f"), contents: [1, 2])
            try await fs.writeFile(at: fixture.path("tree/top"), contents: [3])
            try await fs.createSymlink(at: fixture.path("tree/abs"), target: fixture.path("outside"))
            try await fs.createSymlink(at: fixture.path("tree/a/rel"), target: "../../outside/deep")
            try await fs.createSymlink(at: fixture.path("tree/dangling"), target: "nowhere")
            try await fs.removeTree(at: fixture.path("tree"))
            #expect(try await fs.listDirectory(at: fixture.root) == ["outside"])
            #expect(try await fs.readFile(at: fixture.path("outside/deep/keep")).text == "precious")
        }
    }

    @Test(arguments: Backend.allCases)
    func removeTreeOnASymlinkRemovesOnlyTheLink(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("target"))
            try await fs.writeFile(at: fixture.path("target/f"), contents: [1])
            try await fs.createSymlink(at: fixture.path("link"), target: "target")
            try await fs.removeTree(at: fixture.path("link"))
            #expect(try await fs.listDirectory(at: fixture.root) == ["target"])
            #expect(try await fs.listDirectory(at: fixture.path("target")) == ["f"])
            try await fs.removeTree(at: fixture.path("target/f"))
            await #expect(throws: FileSystemError.notFound(path: fixture.path("target/f"))) {
                try await fs.removeTree(at: fixture.path("target/f"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func renameAtomicallyReplacesAFile(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.writeFile(at: fixture.path("config"), contents: bytes("old"))
            try await fs.writeFile(at: fixture.path("config.tmp"), contents: bytes("new"), mode: 0o600)
            try await fs.rename(from: fixture.path("config.tmp"), to: fixture.path("config"))
            #expect(try await fs.listDirectory(at: fixture.root) == ["config"])
            #expect(try await fs.readFile(at: fixture.path("config")).text == "new")
            #expect(try await fs.attributes(at: fixture.path("config")).mode == 0o600)
        }
    }

    @Test(arguments: Backend.allCases)
    func renameReplacesAnEmptyDirectoryButNotAFullOne(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("staging"))
            try await fs.writeFile(at: fixture.path("staging/f"), contents: [1])
            try await fs.createDirectory(at: fixture.path("empty"))
            try await fs.createDirectory(at: fixture.path("full"))
            try await fs.writeFile(at: fixture.path("full/g"), contents: [2])
            await #expect(throws: FileSystemError.directoryNotEmpty(path: fixture.path("full"))) {
                try await fs.rename(from: fixture.path("staging"), to: fixture.path("full"))
            }
            try await fs.rename(from: fixture.path("staging"), to: fixture.path("empty"))
            #expect(try await fs.listDirectory(at: fixture.root) == ["empty", "full"])
            #expect(try await fs.listDirectory(at: fixture.path("empty")) == ["f"])
        }
    }

    @Test(arguments: Backend.allCases)
    func renameRefusesKindMismatchesMissingSourcesAndCycles(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("d/inner"), withIntermediates: true)
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            await #expect(throws: FileSystemError.isADirectory(path: fixture.path("d"))) {
                try await fs.rename(from: fixture.path("f"), to: fixture.path("d"))
            }
            await #expect(throws: FileSystemError.notADirectory(path: fixture.path("f"))) {
                try await fs.rename(from: fixture.path("d/inner"), to: fixture.path("f"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("m"))) {
                try await fs.rename(from: fixture.path("m"), to: fixture.path("n"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("nodir/n"))) {
                try await fs.rename(from: fixture.path("f"), to: fixture.path("nodir/n"))
            }
            let into = fixture.path("d/inner/d")
            let cycle = FileSystemError.invalidPath(path: into, reason: "a directory cannot move into itself")
            await #expect(throws: cycle) {
                try await fs.rename(from: fixture.path("d"), to: into)
            }
            try await fs.rename(from: fixture.path("f"), to: fixture.path("f"))
            #expect(try await fs.readFile(at: fixture.path("f")) == [1])
        }
    }

    @Test(arguments: Backend.allCases)
    func renamingASymlinkMovesTheLinkNotItsTarget(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("target"))
            try await fs.createSymlink(at: fixture.path("link"), target: "target")
            try await fs.rename(from: fixture.path("link"), to: fixture.path("moved"))
            #expect(try await fs.listDirectory(at: fixture.root) == ["moved", "target"])
            #expect(try await fs.readSymlink(at: fixture.path("moved")) == "target")
        }
    }
}
