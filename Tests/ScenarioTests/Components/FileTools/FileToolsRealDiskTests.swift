import ChaosComponents
import ChaosCore
import Foundation
import Testing

/// The tools over `LocalFileSystem`, checked against GNU tar: what they write it lists and extracts, and what it
/// writes they extract, absolute tablespace links and 0700 directories included.
@Suite struct FileToolsRealDiskTests {
    static func withTemporaryDirectory(_ body: (String) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("filetools-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await body(root)
    }

    /// pgdata with a 0700 data directory, a relation file, and an absolute pg_tblspc link to the tablespace.
    static func makeTree(_ fs: LocalFileSystem, at root: String) async throws {
        try await fs.createDirectory(at: root + "/src/pgdata/base", mode: 0o700, withIntermediates: true)
        try await fs.createDirectory(at: root + "/src/pgdata/pg_tblspc", mode: 0o700, withIntermediates: false)
        try await fs.createDirectory(at: root + "/src/tablespace/PG_17_202406281", mode: 0o700, withIntermediates: true)
        try await fs.writeFile(at: root + "/src/pgdata/base/16384", contents: Array(repeating: 7, count: 70_000),
                               mode: 0o600)
        try await fs.createSymlink(at: root + "/src/pgdata/pg_tblspc/16396", target: root + "/src/tablespace")
        try await fs.setModificationTime(at: root + "/src/pgdata/base/16384", seconds: 1_765_185_480)
        try await fs.setPermissions(at: root + "/src/pgdata", mode: 0o700)
    }

    @Test func gnuTarListsAndExtractsOurArchive() async throws {
        try await Self.withTemporaryDirectory { root in
            let fs = LocalFileSystem()
            try await Self.makeTree(fs, at: root)
            let tools = FileTools(fileSystem: fs, readChunkBytes: 4096)
            #expect(try await tools.createArchive(of: root + "/src", at: root + "/cache.tar.tmp").succeeded)
            #expect(try await tools.move(root + "/cache.tar.tmp", to: root + "/cache.tar").succeeded)
            let listing = try Self.tar(["tvf", root + "/cache.tar"])
            #expect(listing.status == 0, "\(listing.output)")
            let lines = listing.output.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("drwx------") && $0.hasSuffix(" ./pgdata/") })
            #expect(lines.contains { $0.hasPrefix("-rw-------") && $0.contains(" 70000 2025-12-08") })
            let link = "./pgdata/pg_tblspc/16396 -> \(root)/src/tablespace"
            #expect(lines.contains { $0.hasPrefix("lrwxrwxrwx") && $0.hasSuffix(link) })
            try FileManager.default.createDirectory(atPath: root + "/gnu", withIntermediateDirectories: false)
            let extract = try Self.tar(["xpf", root + "/cache.tar", "-C", root + "/gnu"])
            #expect(extract.status == 0, "\(extract.output)")
            let original = try await FileTreeSnapshot.capture(of: fs, at: root + "/src")
            let byGNU = try await FileTreeSnapshot.capture(of: fs, at: root + "/gnu")
            #expect(original.entries == byGNU.entries)
        }
    }

    @Test func weExtractWhatGNUTarWrites() async throws {
        try await Self.withTemporaryDirectory { root in
            let fs = LocalFileSystem()
            try await Self.makeTree(fs, at: root)
            let create = try Self.tar(["cf", root + "/gnu.tar", "-C", root + "/src", "."])
            #expect(create.status == 0, "\(create.output)")
            try await fs.createDirectory(at: root + "/ours", mode: 0o755, withIntermediates: false)
            let tools = FileTools(fileSystem: fs, umask: 0, readChunkBytes: 3000)
            let outcome = try await tools.extractArchive(at: root + "/gnu.tar", into: root + "/ours")
            #expect(outcome.succeeded && outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
            let original = try await FileTreeSnapshot.capture(of: fs, at: root + "/src")
            let ours = try await FileTreeSnapshot.capture(of: fs, at: root + "/ours")
            #expect(original.entries == ours.entries)
            #expect(try await fs.readSymlink(at: root + "/ours/pgdata/pg_tblspc/16396") == root + "/src/tablespace")
            #expect(try await fs.attributes(at: root + "/ours/pgdata/base/16384").modificationTime == 1_765_185_480)
        }
    }

    @Test func cpArchiveOnARealDiskMatchesGNUCp() async throws {
        try await Self.withTemporaryDirectory { root in
            let fs = LocalFileSystem()
            try await Self.makeTree(fs, at: root)
            let copied = try await FileTools(fileSystem: fs).copy(root + "/src", to: root + "/ours", mode: .archive)
            #expect(copied.succeeded)
            let gnu = try ShellCommand.execute("/bin/cp", ["-a", root + "/src", root + "/gnu"], in: nil)
            #expect(gnu.status == 0, "\(gnu.output)")
            let ours = try await FileTreeSnapshot.capture(of: fs, at: root + "/ours")
            let byGNU = try await FileTreeSnapshot.capture(of: fs, at: root + "/gnu")
            #expect(ours.entries == byGNU.entries)
            #expect(try await fs.attributes(at: root + "/ours/pgdata/base/16384").modificationTime == 1_765_185_480)
        }
    }

    @Test(.enabled(if: getuid() == 0, "chown to another user needs root"))
    func cpArchiveKeepsOwnersAsGNUCpDoesAsRoot() async throws {
        try await Self.withTemporaryDirectory { root in
            let fs = LocalFileSystem()
            try await Self.makeTree(fs, at: root)
            try await fs.setOwner(at: root + "/src/pgdata", userID: 105, groupID: 105)
            try await fs.setOwner(at: root + "/src/pgdata/base/16384", userID: 105, groupID: 105)
            let copied = try await FileTools(fileSystem: fs).copy(root + "/src", to: root + "/ours", mode: .archive)
            #expect(copied.succeeded)
            let gnu = try ShellCommand.execute("/bin/cp", ["-a", root + "/src", root + "/gnu"], in: nil)
            #expect(gnu.status == 0, "\(gnu.output)")
            for path in ["/pgdata", "/pgdata/base/16384", "/pgdata/base"] {
                let ours = try await fs.attributes(at: root + "/ours" + path)
                let byGNU = try await fs.attributes(at: root + "/gnu" + path)
                #expect((ours.ownerID, ours.groupID) == (byGNU.ownerID, byGNU.groupID), "\(path)")
            }
            #expect(try await fs.attributes(at: root + "/ours/pgdata/base/16384").ownerID == 105)
        }
    }

    static func tar(_ arguments: [String]) throws -> (status: Int32, output: String) {
        // A fixed time zone and locale, so that the listing's date and wording do not depend on the machine.
        try ShellCommand.execute("/usr/bin/env", ["TZ=UTC", "LC_ALL=C", "tar"] + arguments, in: nil)
    }
}
