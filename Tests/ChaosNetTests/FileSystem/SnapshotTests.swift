@testable import ChaosCore
import ChaosNet
import Testing

/// Snapshots and diffs, used by invariant checkers.
@Suite struct SnapshotTests {
    @Test func fnv1aMatchesTheReferenceVectors() {
        #expect(FNV1a64.hash([]) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash(bytes("a")) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash(bytes("foobar")) == 0x8594_4171_f739_67e8)
        // Zero runs take a word-at-a-time path; these values come from a byte-by-byte FNV-1a written in Python.
        #expect(FNV1a64.hash([UInt8](repeating: 0, count: 512)) == 0x7da1_44b9_7d05_4b25)
        let header = bytes("ustar\u{0}00") + Array(repeating: 0, count: 100) + bytes("abc")
            + Array(repeating: 0, count: 13)
        #expect(FNV1a64.hash(header) == 0xc032_4f1d_6d42_d310)
    }

    @Test func fnv1aOfZeroRunsMatchesByteByByteAtEveryAlignment() {
        func reference(_ bytes: [UInt8]) -> UInt64 {
            bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        }
        for prefix in 0..<9 {
            for zeros in [0, 7, 8, 9, 16, 23, 512] {
                let data = [UInt8](repeating: 0x41, count: prefix) + [UInt8](repeating: 0, count: zeros) + [0x5a, 0]
                #expect(FNV1a64.hash(data) == reference(data), "prefix \(prefix), zeros \(zeros)")
                // A non-contiguous sequence takes the byte-by-byte path: the same value.
                #expect(FNV1a64.hash(data.lazy.map { $0 }) == reference(data))
            }
        }
    }

    /// A small service tree with every kind of entry.
    private func populate(_ fs: some FileSystem, at root: String) async throws {
        try await fs.createDirectory(at: root + "/svc/bin", mode: 0o750, withIntermediates: true)
        try await fs.writeFile(at: root + "/svc/bin/run", contents: bytes("#!/bin/sh\n"), mode: 0o755)
        try await fs.writeFile(at: root + "/svc/config.json", contents: bytes("{}"))
        try await fs.createSymlink(at: root + "/svc/current", target: "bin")
        try await fs.writeFile(at: root + "/svc-2", contents: [])
    }

    @Test func aSnapshotListsEveryEntrySortedByPathBytes() async throws {
        let fs = SimFileSystem()
        try await populate(fs, at: "")
        let snapshot = try fs.snapshot()
        #expect(snapshot.paths == ["svc", "svc-2", "svc/bin", "svc/bin/run", "svc/config.json", "svc/current"])
        #expect(snapshot.entry(at: "svc/bin") == .init(path: "svc/bin", kind: .directory, mode: 0o750, size: 0))
        #expect(snapshot.entry(at: "svc/current")?.symlinkTarget == "bin")
        #expect(snapshot.entry(at: "svc/config.json")?.contentDigest == FNV1a64.hash(bytes("{}")))
        #expect(snapshot.entry(at: "missing") == nil)
        #expect(snapshot.description.contains("  l 777 svc/current -> bin"))
        let digest = FileTreeSnapshot.hex(FNV1a64.hash(bytes("{}")))
        #expect(snapshot.description.contains("  f 644 2 \(digest) svc/config.json"))
    }

    @Test(arguments: Backend.allCases)
    func captureThroughTheProtocolMatchesOnBothBackends(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            try await populate(fixture.fileSystem, at: fixture.root)
            let captured = try await FileTreeSnapshot.capture(of: fixture.fileSystem, at: fixture.root, chunkSize: 3)
            let reference = SimFileSystem()
            try await populate(reference, at: "")
            let expected = try reference.snapshot()
            #expect(captured.entries == expected.entries)
            #expect(captured.digest == expected.digest)
            if let simulated = fixture.simulated {
                #expect(try simulated.snapshot(of: fixture.root) == captured)
            }
        }
    }

    @Test func captureEnforcesItsEntryLimit() async throws {
        let fs = SimFileSystem()
        try await populate(fs, at: "")
        await #expect(throws: FileSystemError.ioError(path: "/", message: "more than 5 entries to snapshot")) {
            try await FileTreeSnapshot.capture(of: fs, at: "/", entryCountMax: 5)
        }
        await #expect(throws: FileSystemError.notADirectory(path: "/svc-2")) {
            try await FileTreeSnapshot.capture(of: fs, at: "/svc-2")
        }
    }

    @Test func aDiffNamesAddedRemovedAndChangedPaths() async throws {
        let fs = SimFileSystem()
        try await populate(fs, at: "")
        let before = try fs.snapshot()
        try await fs.writeFile(at: "/svc/config.json", contents: bytes("{\"a\":1}"))
        try await fs.setPermissions(at: "/svc/bin/run", mode: 0o700)
        try await fs.removeItem(at: "/svc-2")
        try await fs.createDirectory(at: "/svc/.staging-1")
        try await fs.removeItem(at: "/svc/current")
        try await fs.createSymlink(at: "/svc/current", target: "/elsewhere")
        let diff = FileTreeSnapshot.diff(from: before, to: try fs.snapshot())
        #expect(diff.addedPaths == ["svc/.staging-1"])
        #expect(diff.removedPaths == ["svc-2"])
        #expect(diff.changedPaths == ["svc/bin/run", "svc/config.json", "svc/current"])
        #expect(diff.description == """
            + d 755 svc/.staging-1/
            - f 644 0 \(FileTreeSnapshot.hex(FNV1a64.hash([]))) svc-2
            ~ svc/bin/run: mode 755 -> 700
            ~ svc/config.json: size 2 -> 7, content
            ~ svc/current: size 3 -> 10, target bin -> /elsewhere
            """)
        #expect(FileTreeSnapshot.diff(from: before, to: before).description == "no changes")
    }

    @Test func aFailedDownloadIntoTheServiceDirectoryShowsUpAsAPartialDirectory() async throws {
        // Seed 000: a download failing midway leaves a partial service directory; staging plus cleanup does not.
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/services")
        let before = try fs.snapshot()
        fs.injectFailure([.write], pathPrefix: "/services", error: .ioError(message: "read timed out"), skipCount: 1)
        do {
            try await fs.createDirectory(at: "/services/sc-1")
            try await fs.writeFile(at: "/services/sc-1/a", contents: [1])
            try await fs.writeFile(at: "/services/sc-1/b", contents: [2])
            Issue.record("the injected failure did not fire")
        } catch {
            #expect(error.errnoName == "EIO")
        }
        let naive = FileTreeSnapshot.diff(from: before, to: try fs.snapshot())
        #expect(naive.addedPaths == ["services/sc-1", "services/sc-1/a", "services/sc-1/b"])
        try await fs.removeTree(at: "/services/sc-1")
        #expect(FileTreeSnapshot.diff(from: before, to: try fs.snapshot()).isEmpty)
    }

    @Test func theSameOperationsGiveTheSameDigestInAnyInstance() async throws {
        func build(_ order: [Int]) async throws -> FileTreeSnapshot {
            let fs = SimFileSystem()
            for index in order { try await fs.writeFile(at: "/f\(index)", contents: [UInt8(index)]) }
            return try fs.snapshot()
        }
        let forward = try await build(Array(0..<50))
        let backward = try await build(Array((0..<50).reversed()))
        #expect(forward == backward)
        #expect(forward.digest == backward.digest)
    }
}
