import ChaosComponents
import ChaosCore
import Foundation
import Testing

/// The robust cache manager on a real disk: its archive checked with GNU tar, its restore with the links resolved.
@Suite struct CacheManagerRealDiskTests {
    @Test func theRobustPutAndGetWorkOnALocalFileSystem() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fs = LocalFileSystem()
        let source = root + "/builds/datadir"
        let database = source + "/tablespace/PG_17_202406281/16397"
        try await fs.createDirectory(at: source + "/pgdata/pg_tblspc", mode: 0o700, withIntermediates: true)
        try await fs.createDirectory(at: database, mode: 0o700, withIntermediates: true)
        try await fs.writeFile(at: database + "/16400", contents: Array(repeating: 3, count: 9000), mode: 0o600)
        try await fs.writeFile(at: source + "/pgdata/PG_VERSION", contents: Array("17\n".utf8), mode: 0o600)
        try await fs.createSymlink(at: source + "/pgdata/pg_tblspc/16396", target: source + "/tablespace")
        try await fs.setPermissions(at: source + "/pgdata", mode: 0o700)
        for directory in [root + "/nfs/ci-cache", root + "/cache"] {
            try await fs.createDirectory(at: directory, mode: 0o755, withIntermediates: true)
        }
        let settings = CacheSettings(nfsRoot: root + "/nfs/ci-cache", localRoot: root + "/cache")
        let manager = CacheManager(
            variant: .robust, settings: settings, fileSystem: fs, clock: ContinuousClock(),  // determinism: ok
            giveToDatabaseUser: { _ in }, log: { _ in })
        let deadline = ContinuousClock.now.advanced(by: .seconds(3600))  // determinism: ok (a real job's budget)
        #expect(try await manager.put(key: "haf_1", from: source, deadline: deadline) == .savedToNFS)

        let listing = try ShellCommand.execute(
            "/usr/bin/env", ["TZ=UTC", "LC_ALL=C", "tar", "tvf", settings.archivePath("haf_1")], in: nil)
        #expect(listing.status == 0, "\(listing.output)")
        #expect(listing.output.contains("./pgdata/pg_tblspc/16396 -> \(source)/tablespace"))
        #expect(listing.output.contains("drwx------"))
        #expect(try await fs.readSymlink(at: settings.localPath("haf_1")) == source)
        #expect(try await fs.attributes(at: source + "/pgdata").mode == 0o700)

        let next = root + "/builds/next"
        #expect(try await manager.get(key: "haf_1", into: next) == .restoredFromArchive)
        #expect(try await fs.readSymlink(at: next + "/pgdata/pg_tblspc/16396") == next + "/tablespace")
        let restoredDatabase = next + "/pgdata/pg_tblspc/16396/PG_17_202406281/16397"
        #expect(try await fs.attributes(at: restoredDatabase).kind == .directory)
        #expect(try await fs.readFile(at: restoredDatabase + "/16400") == Array(repeating: 3, count: 9000))
        #expect(try await fs.attributes(at: next + "/pgdata").mode == 0o700)
    }
}
