import ChaosNet
import Testing

/// File reads and writes, run against both the simulated and the real file system.
@Suite struct FileConformanceTests {
    @Test(arguments: Backend.allCases)
    func writtenBytesReadBackWithTheExactMode(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let path = fixture.path("f")
            try await fs.writeFile(at: path, contents: bytes("hello"), mode: 0o660, disposition: .exclusive)
            #expect(try await fs.readFile(at: path).text == "hello")
            let attributes = try await fs.attributes(at: path)
            #expect(attributes.kind == .file && attributes.size == 5 && attributes.mode == 0o660)
        }
    }

    @Test(arguments: Backend.allCases)
    func aSetModificationTimeIsReportedAndFollowsASymlink(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let path = fixture.path("f")
            try await fs.writeFile(at: path, contents: bytes("x"), mode: 0o644, disposition: .exclusive)
            try await fs.createSymlink(at: fixture.path("link"), target: path)
            try await fs.setModificationTime(at: fixture.path("link"), seconds: 1_733_650_000)
            #expect(try await fs.attributes(at: path).modificationTime == 1_733_650_000)
            await #expect(throws: FileSystemError.notFound(path: fixture.path("missing"))) {
                try await fs.setModificationTime(at: fixture.path("missing"), seconds: 1)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func readContentReturnsTheBytesOfARange(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let path = fixture.path("f")
            try await fs.writeFile(at: path, contents: bytes("hello world"), mode: 0o644, disposition: .exclusive)
            #expect(try await fs.readContent(at: path, offset: 6, count: 100) == FileContent(bytes("world")))
            #expect(try await fs.readContent(at: path).digest == FNV1a64.hash(bytes("hello world")))
            #expect(try await fs.readContent(at: path, offset: 20, count: 4).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func overwriteTruncatesKeepsTheModeAndAppendAppends(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let path = fixture.path("f")
            try await fs.writeFile(at: path, contents: bytes("long content"), mode: 0o600)
            try await fs.writeFile(at: path, contents: bytes("short"), mode: 0o644, disposition: .overwrite)
            #expect(try await fs.readFile(at: path).text == "short")
            #expect(try await fs.attributes(at: path).mode == 0o600)
            try await fs.writeFile(at: path, contents: bytes("+more").dropFirst(), mode: 0o644, disposition: .append)
            #expect(try await fs.readFile(at: path).text == "shortmore")
        }
    }

    @Test(arguments: Backend.allCases)
    func exclusiveCreateFailsOnAnythingExistingEvenADanglingSymlink(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            await #expect(throws: FileSystemError.alreadyExists(path: fixture.path("f"))) {
                try await fs.writeFile(at: fixture.path("f"), contents: [2], mode: 0o644, disposition: .exclusive)
            }
            try await fs.createSymlink(at: fixture.path("dangling"), target: "nowhere")
            await #expect(throws: FileSystemError.alreadyExists(path: fixture.path("dangling"))) {
                try await fs.writeFile(
                    at: fixture.path("dangling"), contents: [2], mode: 0o644, disposition: .exclusive)
            }
            #expect(try await fs.readFile(at: fixture.path("f")) == [1])
        }
    }

    @Test(arguments: Backend.allCases)
    func overwriteThroughADanglingSymlinkCreatesItsTarget(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createSymlink(at: fixture.path("link"), target: "target")
            try await fs.writeFile(at: fixture.path("link"), contents: bytes("via link"))
            #expect(try await fs.readFile(at: fixture.path("target")).text == "via link")
            #expect(try await fs.readSymlink(at: fixture.path("link")) == "target")
        }
    }

    @Test(arguments: Backend.allCases)
    func directoriesAreNotFiles(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("d"))
            await #expect(throws: FileSystemError.isADirectory(path: fixture.path("d"))) {
                try await fs.writeFile(at: fixture.path("d"), contents: [1])
            }
            await #expect(throws: FileSystemError.isADirectory(path: fixture.path("d"))) {
                try await fs.readFile(at: fixture.path("d"))
            }
            await #expect(throws: FileSystemError.notFound(path: fixture.path("missing"))) {
                try await fs.readFile(at: fixture.path("missing"))
            }
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            await #expect(throws: FileSystemError.notADirectory(path: fixture.path("f/g"))) {
                try await fs.writeFile(at: fixture.path("f/g"), contents: [1])
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func rangedReadsStopAtTheEnd(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let path = fixture.path("f")
            try await fs.writeFile(at: path, contents: bytes("0123456789"))
            #expect(try await fs.readFile(at: path, offset: 2, count: 3).text == "234")
            #expect(try await fs.readFile(at: path, offset: 8, count: 5).text == "89")
            #expect(try await fs.readFile(at: path, offset: 10, count: 5).isEmpty)
            #expect(try await fs.readFile(at: path, offset: 0, count: Int.max).text == "0123456789")
        }
    }

    @Test(arguments: Backend.allCases)
    func aHandleStreamsSyncsAndClosesTwiceHarmlessly(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            let handle = try await fs.openForWriting(at: fixture.path("f"), mode: 0o640, disposition: .exclusive)
            #expect(handle.path == fixture.path("f"))
            try await handle.append(bytes("one,"))
            try await handle.append(bytes("two,").dropLast())
            try await handle.sync()
            try await handle.append([UInt8](repeating: 33, count: 3))
            try await handle.close()
            try await handle.close()
            try await fs.syncFile(at: fixture.path("f"))
            #expect(try await fs.readFile(at: fixture.path("f")).text == "one,two!!!")
            #expect(try await fs.attributes(at: fixture.path("f")).mode == 0o640)
        }
    }

    @Test(arguments: Backend.allCases)
    func setPermissionsChangesTheMode(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.writeFile(at: fixture.path("f"), contents: [1])
            try await fs.setPermissions(at: fixture.path("f"), mode: 0o400)
            #expect(try await fs.attributes(at: fixture.path("f")).mode == 0o400)
            await #expect(throws: FileSystemError.notFound(path: fixture.path("m"))) {
                try await fs.setPermissions(at: fixture.path("m"), mode: 0o400)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func existsFollowsSymlinksUnlessToldNot(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createSymlink(at: fixture.path("dangling"), target: "/nonexistent/target")
            #expect(await fs.exists(at: fixture.root))
            #expect(await !fs.exists(at: fixture.path("dangling")))
            #expect(await fs.exists(at: fixture.path("dangling"), followSymlinks: false))
            #expect(await !fs.exists(at: fixture.path("missing"), followSymlinks: false))
        }
    }
}
