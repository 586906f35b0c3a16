import ChaosNet
import Testing

/// Directory operations, run against both the simulated and the real file system.
@Suite struct DirectoryConformanceTests {
    @Test(arguments: Backend.allCases)
    func createdDirectoryHasTheExactModeWhateverTheUmask(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("d"), mode: 0o775, withIntermediates: false)
            let attributes = try await fs.attributes(at: fixture.path("d"))
            // The time and the owner are the machine's (real or simulated); the mode must be exact.
            #expect(attributes.kind == .directory && attributes.size == 0 && attributes.mode == 0o775)
        }
    }

    @Test(arguments: Backend.allCases)
    func creatingAnExistingDirectoryFailsUnlessWithIntermediates(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let path = fixture.path("d")
            try await fs.createDirectory(at: path)
            await #expect(throws: FileSystemError.alreadyExists(path: path)) {
                try await fs.createDirectory(at: path)
            }
            try await fs.createDirectory(at: path, withIntermediates: true)
        }
    }

    @Test(arguments: Backend.allCases)
    func intermediatesAreCreatedAndUsableEvenWithAReadOnlyFinalMode(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("a/b/c"), mode: 0o500, withIntermediates: true)
            #expect(try await fs.attributes(at: fixture.path("a/b/c")).mode == 0o500)
            #expect(try await fs.attributes(at: fixture.path("a")).mode == 0o700)
            #expect(try await fs.listDirectory(at: fixture.path("a")) == ["b"])
        }
    }

    @Test(arguments: Backend.allCases)
    func missingParentIsNotFoundAndAFileParentIsNotADirectory(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            await #expect(throws: FileSystemError.notFound(path: fixture.path("x/y"))) {
                try await fs.createDirectory(at: fixture.path("x/y"))
            }
            try await fs.writeFile(at: fixture.path("f"), contents: bytes("data"))
            await #expect(throws: FileSystemError.notADirectory(path: fixture.path("f/y"))) {
                try await fs.createDirectory(at: fixture.path("f/y"))
            }
            await #expect(throws: FileSystemError.notADirectory(path: fixture.path("f/y/z"))) {
                try await fs.createDirectory(at: fixture.path("f/y/z"), withIntermediates: true)
            }
            await #expect(throws: FileSystemError.alreadyExists(path: fixture.path("f"))) {
                try await fs.createDirectory(at: fixture.path("f"), withIntermediates: true)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func listingIsSortedByBytes(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            for name in ["b", "a", "B", "\u{e9}", "a-b", "a.b", "Z"] {
                try await fs.writeFile(at: fixture.path(name), contents: [])
            }
            try await fs.createDirectory(at: fixture.path("a0"))
            #expect(try await fs.listDirectory(at: fixture.root) == ["B", "Z", "a", "a-b", "a.b", "a0", "b", "\u{e9}"])
        }
    }

    @Test(arguments: Backend.allCases)
    func listingAFileOrAMissingPathFails(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            await #expect(throws: FileSystemError.notADirectory(path: fixture.path("f"))) {
                try await fs.listDirectory(at: fixture.path("f"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("m"))) {
                try await fs.listDirectory(at: fixture.path("m"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func syncDirectoryAcceptsDirectoriesOnly(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.syncDirectory(at: fixture.root)
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            await #expect(throws: FileSystemError.notADirectory(path: fixture.path("f"))) {
                try await fs.syncDirectory(at: fixture.path("f"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("m"))) {
                try await fs.syncDirectory(at: fixture.path("m"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func pathsAreNormalisedLexically(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("a"))
            try await fs.writeFile(at: fixture.root + "//a/./x/../f", contents: bytes("hi"))
            #expect(try await fs.readFile(at: fixture.path("a/f")).text == "hi")
            #expect(try await fs.listDirectory(at: fixture.path("a/")) == ["f"])
            await #expect(throws: FileSystemError.invalidPath(path: "relative/f", reason: "not an absolute path")) {
                try await fs.readFile(at: "relative/f")
            }
            await #expect(throws: FileSystemError.invalidPath(path: "/", reason: "the root cannot be removed")) {
                try await fs.removeTree(at: fixture.root + "/../../../..")
            }
        }
    }
}
