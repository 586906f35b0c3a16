import ChaosComponents
import ChaosCore
import ChaosNet
import Testing

/// The GNU semantics of the tools over the simulated file system: what each copy keeps, skips and prints.
@Suite struct FileToolsTests {
    /// A source tree with a file, a nested 0700 directory, a relative and an absolute symlink.
    static func sourceTree() async throws -> (SimFileSystem, FileTools) {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/src/data", mode: 0o700, withIntermediates: true)
        try await fs.writeFile(at: "/src/data/rel", contents: Array("relation".utf8), mode: 0o600)
        try await fs.setModificationTime(at: "/src/data/rel", seconds: 1_700_000_000)
        let big = try await fs.openForWriting(at: "/src/big", mode: 0o644, disposition: .exclusive)
        try await big.append(content: FileContent(SyntheticBytes(seed: 5, count: 3_000_000_000)))
        try await big.close()
        try await fs.createSymlink(at: "/src/relative", target: "data/rel")
        try await fs.createSymlink(at: "/src/tablespace", target: "/home/hived/tablespace")
        try await fs.setPermissions(at: "/src/data", mode: 0o700)
        return (fs, FileTools(fileSystem: fs))
    }

    @Test func cpArchiveKeepsSymlinkTextModesAndTimes() async throws {
        let (fs, tools) = try await Self.sourceTree()
        let outcome = try await tools.copy("/src", to: "/dst", mode: .archive)
        #expect(outcome == FileToolOutcome())
        #expect(try await fs.readSymlink(at: "/dst/tablespace") == "/home/hived/tablespace")
        #expect(try await fs.readSymlink(at: "/dst/relative") == "data/rel")
        #expect(try await fs.attributes(at: "/dst/data").mode == 0o700)
        #expect(try await fs.attributes(at: "/dst/data/rel").modificationTime == 1_700_000_000)
        let source = try fs.snapshot(of: "/src"), copy = try fs.snapshot(of: "/dst")
        #expect(source.entries == copy.entries)
    }

    @Test func cpIntoAnExistingDirectoryCopiesBelowItAndCpRAppliesTheUmask() async throws {
        let (fs, tools) = try await Self.sourceTree()
        try await fs.createDirectory(at: "/into", mode: 0o755, withIntermediates: false)
        #expect(try await tools.copy("/src", to: "/into", mode: .recursive).succeeded)
        #expect(try await fs.readSymlink(at: "/into/src/tablespace") == "/home/hived/tablespace")
        // 0o644 & ~0o022 stays; times are the copy's (the simulation's 0), not the source's.
        #expect(try await fs.attributes(at: "/into/src/data/rel").modificationTime == 0)
        #expect(try await fs.attributes(at: "/into/src/big").mode == 0o644)
    }

    @Test func rsyncWithoutLinksSkipsSymlinksAndSaysSo() async throws {
        let (fs, tools) = try await Self.sourceTree()
        let outcome = try await tools.rsync(contentsOf: "/src", into: "/dst", mode: .recursive)
        #expect(outcome.succeeded)
        #expect(outcome.diagnostics == [
            "skipping non-regular file \"relative\"", "skipping non-regular file \"tablespace\"",
        ])
        #expect(!(await fs.exists(at: "/dst/tablespace", followSymlinks: false)))
        #expect(try await fs.readFile(at: "/dst/data/rel") == Array("relation".utf8))
        // No temporary file is left beside the final names.
        #expect(try await fs.listDirectory(at: "/dst/data") == ["rel"])
    }

    @Test func rsyncArchiveRecreatesLinksAndSkipsUnchangedFiles() async throws {
        let (fs, tools) = try await Self.sourceTree()
        #expect(try await tools.rsync(contentsOf: "/src", into: "/dst", mode: .archive).succeeded)
        #expect(try fs.snapshot(of: "/src").entries == (try fs.snapshot(of: "/dst")).entries)
        let opens = fs.counters.fileOpens
        #expect(try await tools.rsync(contentsOf: "/src", into: "/dst", mode: .archive).succeeded)
        #expect(fs.counters.fileOpens == opens)
    }

    @Test func aTarArchiveRoundTripsSyntheticContentWithoutMaterialisingIt() async throws {
        let (fs, tools) = try await Self.sourceTree()
        let created = try await tools.createArchive(of: "/src", at: "/cache.tar")
        #expect(created.succeeded)
        let archive = try await fs.readContent(at: "/cache.tar")
        let archiveSummary = FileToolOutcome.ArchiveSummary(bytes: archive.count, digest: archive.digest)
        #expect(created.archive == archiveSummary)
        #expect(archive.count % FileToolsTests.record == 0)
        #expect(archive.extents.contains { if case .synthetic = $0 { true } else { false } })
        try await fs.createDirectory(at: "/restore", mode: 0o755, withIntermediates: false)
        let outcome = try await FileTools(fileSystem: fs, runsAsRoot: true).extractArchive(
            at: "/cache.tar", into: "/restore")
        #expect(outcome.succeeded && outcome.diagnostics.isEmpty)
        #expect(outcome.archive == archiveSummary)
        #expect(try fs.snapshot(of: "/src").entries == (try fs.snapshot(of: "/restore")).entries)
        _ = tools
    }

    static let record = 10_240

    @Test func aTarPipeLeavesWhatAnArchiveRoundTripLeaves() async throws {
        let (fs, tools) = try await Self.sourceTree()
        try await fs.createDirectory(at: "/piped", mode: 0o755, withIntermediates: false)
        let outcome = try await FileTools(fileSystem: fs, runsAsRoot: true).tarPipe(from: "/src", into: "/piped")
        #expect(outcome.succeeded && outcome.diagnostics.isEmpty)
        #expect(try fs.snapshot(of: "/src").entries == (try fs.snapshot(of: "/piped")).entries)
        _ = tools
    }

    @Test func aNonRootExtractionAppliesTheUmaskAndARootOneDoesNot() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/src", mode: 0o777, withIntermediates: false)
        try await fs.writeFile(at: "/src/f", contents: [1], mode: 0o666)
        let tools = FileTools(fileSystem: fs)
        #expect(try await tools.createArchive(of: "/src", at: "/a.tar").succeeded)
        for (directory, root, mode) in [("/user", false, UInt16(0o644)), ("/root", true, 0o666)] {
            try await fs.createDirectory(at: directory, mode: 0o755, withIntermediates: false)
            #expect(try await FileTools(fileSystem: fs, runsAsRoot: root).extractArchive(
                at: "/a.tar", into: directory).succeeded)
            #expect(try await fs.attributes(at: directory + "/f").mode == mode)
        }
    }

    @Test func aCorruptArchiveIsATarErrorNotACrash() async throws {
        let fs = SimFileSystem()
        try await fs.writeFile(at: "/bad.tar", contents: [UInt8](repeating: 0x41, count: 700))
        try await fs.createDirectory(at: "/out", mode: 0o755, withIntermediates: false)
        let outcome = try await FileTools(fileSystem: fs).extractArchive(at: "/bad.tar", into: "/out")
        #expect(outcome.exitStatus == 2)
        #expect(outcome.diagnostics.last == "tar: Error is not recoverable: exiting now")
    }

    @Test func chmodRecursiveWithCapitalXOpensDirectoriesOnly() async throws {
        let (fs, tools) = try await Self.sourceTree()
        #expect(try await tools.chmodRecursively("a+rX", at: "/src").succeeded)
        #expect(try await fs.attributes(at: "/src/data").mode == 0o755)
        #expect(try await fs.attributes(at: "/src/data/rel").mode == 0o644)
        #expect(try await tools.chmodRecursively("700", at: "/src/data").succeeded)
        #expect(try await fs.attributes(at: "/src/data/rel").mode == 0o700)
        await #expect(throws: FileToolError.usage(tool: "chmod", message: "invalid mode: 'a+q'")) {
            try await tools.chmodRecursively("a+q", at: "/src")
        }
    }

    @Test func lsInsideAForeignOwnersPrivateDirectoryIsPermissionDenied() async throws {
        let (fs, tools) = try await Self.sourceTree()
        try fs.setForeignOwner(at: "/src/data")
        let listing = try await tools.list("/src/data")
        #expect(listing.names.isEmpty)
        #expect(listing.outcome.exitStatus == 2)
        #expect(listing.outcome.diagnostics == ["ls: cannot open directory '/src/data': Permission denied"])
        #expect(try await tools.list("/src").names == ["big", "data", "relative", "tablespace"])
    }

    @Test func lnSfOntoALinkToADirectoryCreatesInsideItUnlessNoDereference() async throws {
        let (fs, tools) = try await Self.sourceTree()
        #expect(try await tools.symlink("/src/data", at: "/local").succeeded)
        #expect(try await tools.symlink("/src/data", at: "/local").succeeded)
        #expect(try await fs.readSymlink(at: "/src/data/data") == "/src/data")
        #expect(try await tools.symlink("/other", at: "/local", noDereference: true).succeeded)
        #expect(try await fs.readSymlink(at: "/local") == "/other")
    }

    @Test func modeSpecsParseAsChmodDoes() throws {
        let cases: [(String, UInt16, Bool, UInt16)] = [
            ("a+rX", 0o600, false, 0o644), ("a+rX", 0o700, false, 0o755), ("a+rX", 0o700, true, 0o755),
            ("u=rwx,go=", 0o644, false, 0o700), ("g-w", 0o775, true, 0o755), ("0750", 0o644, false, 0o750),
        ]
        for (text, mode, isDirectory, expected) in cases {
            let spec = try #require(FileModeSpec(text))
            #expect(spec.applied(to: mode, isDirectory: isDirectory) == expected, "\(text) on \(mode)")
        }
        for bad in ["", "9", "77777", "a+q", "z+r", "u"] { #expect(FileModeSpec(bad) == nil, "\(bad)") }
    }

    @Test func aKilledCopyStopsBetweenEntriesAndLeavesWhatItDid() async throws {
        let (fs, tools) = try await Self.sourceTree()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await tools.copy("/src", to: "/dst", mode: .archive)
        }
        await #expect(throws: FileToolError.killed) { try await task.value }
        #expect(!(await fs.exists(at: "/dst")))
    }
}
