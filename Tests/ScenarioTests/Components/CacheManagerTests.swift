import ChaosComponents
import ChaosCore
import ChaosNet
import Scenarios
import Synchronization
import Testing

/// The cache manager over a simulated runner and NFS server: the incident's failures in the naive variant, the fix
/// holding in the robust one.
@Suite struct CacheManagerTests {
    /// The job's log lines.
    final class Log: Sendable {
        private let storage = Mutex<[String]>([])
        var lines: [String] { storage.withLock { $0 } }
        func append(_ line: String) { storage.withLock { $0.append(line) } }
    }

    /// A small dataset (the same layout as W1, a few hundred megabytes), and where the job keeps it.
    static let dataset = CacheDataset(fileCount: 40, totalBytes: 400_000_000)
    static let source = "/builds/job/datadir"

    struct World {
        let fileSystem: SimFileSystem
        let manager: CacheManager<SimClock>
        let log: Log
    }

    /// Runs `body` in a simulation whose runner has `/cache`, `/builds` (local) and `/nfs` (NFS, `sync`).
    static func run<Value: Sendable>(
        _ variant: CacheVariant, nfsMounted: Bool = true,
        _ body: @escaping @Sendable (World, Simulation) async throws -> Value
    ) throws -> Value {
        let simulation = Simulation(seed: 1, configuration: SimulationConfiguration(timeLimit: .seconds(86_400)))
        let result = simulation.run { simulation in
            let fs = SimFileSystem(
                mounts: [
                    SimFileSystem.Mount(path: "/cache", storage: .localDisk),
                    SimFileSystem.Mount(path: "/builds", storage: .localDisk),
                    SimFileSystem.Mount(path: "/nfs", storage: .nfsSync),
                ], clock: simulation.clock)
            for directory in ["/cache", "/builds"] + (nfsMounted ? ["/nfs/ci-cache"] : []) {
                try await fs.createDirectory(at: directory, mode: 0o755, withIntermediates: true)
            }
            try await Self.dataset.populate(on: fs, at: Self.source, seed: 7)
            let log = Log()
            let manager = CacheManager(
                variant: variant, fileSystem: fs, clock: simulation.clock,
                giveToDatabaseUser: { path in try fs.setForeignOwner(at: path) }, log: { log.append($0) })
            return try await body(World(fileSystem: fs, manager: manager, log: log), simulation)
        }
        return try #require(result.value).get()
    }

    @Test func theNaiveCacheLosesTheTablespaceLinkAndPostgresSaysSo() throws {
        let (put, failure, log) = try Self.run(.naive) { world, _ in
            let put = try await world.manager.put(key: "haf_1", from: Self.source, deadline: nil)
            await #expect(throws: CacheManagerError.self) {
                _ = try await world.manager.get(key: "haf_1", into: "/builds/next")
            }
            let failure = PostgresStartupCheck.failure(on: world.fileSystem, dataDirectory: "/builds/next/pgdata")
            return (put, failure, world.log.lines)
        }
        #expect(put == .savedToNFS)
        #expect(log.prefix(3) == [
            "[cache-manager] Relaxing pgdata permissions for caching",
            "[cache-manager] Caching locally: /cache/haf_1", "[cache-manager] Copying to NFS: /nfs/ci-cache/haf_1",
        ])
        #expect(log.contains("skipping non-regular file \"pgdata/pg_tblspc/16396\""))
        #expect(failure == """
            FATAL:  database "haf_block_log" does not exist
            DETAIL:  The database subdirectory "pg_tblspc/16396/PG_17_202406281/16397" is missing.
            """)
    }

    @Test func theNaiveGetsDebugListingInsideThePrivateDataDirectoryFails() throws {
        let error = try Self.run(.naive) { world, _ in
            _ = try await world.manager.put(key: "k", from: Self.source, deadline: nil)
            do {
                _ = try await world.manager.get(key: "k", into: "/builds/next")
                return nil as CacheManagerError?
            } catch let error as CacheManagerError {
                return error
            }
        }
        #expect(error == .stepFailed(
            step: "ls -la /builds/next/pgdata/", exitStatus: 2,
            diagnostics: ["ls: cannot open directory '/builds/next/pgdata': Permission denied"]))
    }

    @Test func theRobustCachePublishesOneArchiveAndRestoresAWorkingTree() throws {
        let (put, get, failure, names, equal, log) = try Self.run(.robust) { world, _ in
            let fs = world.fileSystem
            let put = try await world.manager.put(key: "haf_1", from: Self.source, deadline: nil)
            let get = try await world.manager.get(key: "haf_1", into: "/builds/next")
            let failure = PostgresStartupCheck.failure(on: fs, dataDirectory: "/builds/next/pgdata")
            let names = try await fs.listDirectory(at: "/nfs/ci-cache/haf_1")
            // Everything but the remapped link is as saved: files, modes, symlink targets.
            let isLink = { (entry: FileTreeSnapshot.Entry) in entry.path.hasPrefix("pgdata/pg_tblspc/") }
            let saved = try fs.snapshot(of: Self.source).entries.filter { !isLink($0) }
            let restored = try fs.snapshot(of: "/builds/next").entries.filter { !isLink($0) }
            return (put, get, failure, names, saved == restored, world.log.lines)
        }
        #expect(put == .savedToNFS)
        #expect(get == .restoredFromArchive)
        #expect(failure == nil)
        #expect(names == ["cache.manifest", "cache.tar"])
        #expect(equal)
        #expect(log.contains(
            "[cache-manager] Remapping tablespace 16396: \(Self.source)/tablespace -> /builds/next/tablespace"))
        #expect(!log.contains { $0.hasPrefix("[cache-manager] Caching locally") })
    }

    @Test func theRobustPutSkipsWhenTheEstimateDoesNotFitTheTimeLeft() throws {
        let (outcomes, names) = try Self.run(.robust) { world, simulation in
            // 30 s left is less than the 60 s margin: skipped before the tree is even measured. With 60.5 s left,
            // half a second remains after the margin, and 400 MB at the assumed 400 MB/s needs a second.
            var outcomes: [CachePutOutcome] = []
            for left in [Duration.seconds(30), .milliseconds(60_500)] {
                let deadline = simulation.clock.now.advanced(by: left)
                outcomes.append(try await world.manager.put(key: "k", from: Self.source, deadline: deadline))
            }
            return (outcomes, try await world.fileSystem.listDirectory(at: "/nfs/ci-cache"))
        }
        #expect(outcomes == [
            .skipped(reason: "30 s are left, less than the 60 s margin"),
            .skipped(reason: "the save needs about 1 s and 0 s are left after the 60 s margin"),
        ])
        #expect(names.isEmpty)
    }

    @Test func aKilledRobustPutNeverLeavesAPartialArchiveUnderTheFinalName() throws {
        for killAfter in [1, 3, 300, 900, 1400] {
            let names = try Self.run(.robust) { world, simulation in
                let manager = world.manager
                let task = Task { try await manager.put(key: "k", from: Self.source, deadline: nil) }
                try await simulation.clock.sleep(for: .milliseconds(killAfter))
                task.cancel()
                _ = await task.result
                return try await world.fileSystem.listDirectory(at: "/nfs/ci-cache/k")
            }
            #expect(!names.contains("cache.tar") || names.contains("cache.manifest"), "killed at \(killAfter) ms")
            #expect(!names.contains("cache.tar") || !names.contains("cache.tar.tmp"), "killed at \(killAfter) ms")
        }
    }

    @Test func theRobustGetFallsBackFromABadArchiveToTheLegacyDirectoryThenToLocal() throws {
        let (fromLegacy, fromLocal, miss, log) = try Self.run(.robust) { world, _ in
            let fs = world.fileSystem
            _ = try await world.manager.put(key: "k", from: Self.source, deadline: nil)
            // A truncated archive under the final name (a writer without the temporary name), and a legacy copy.
            let archive = try await fs.readContent(at: "/nfs/ci-cache/k/cache.tar")
            try await fs.removeItem(at: "/nfs/ci-cache/k/cache.tar")
            let handle = try await fs.openForWriting(at: "/nfs/ci-cache/k/cache.tar")
            try await handle.append(content: archive.prefix(archive.count / 2))
            try await handle.close()
            let tools = FileTools(fileSystem: fs)
            for part in ["pgdata", "tablespace"] {
                _ = try await tools.copy(Self.source + "/" + part, to: "/nfs/ci-cache/k/" + part, mode: .archive)
            }
            let fromLegacy = try await world.manager.get(key: "k", into: "/builds/a")
            try await fs.removeTree(at: "/nfs/ci-cache/k")
            let fromLocal = try await world.manager.get(key: "k", into: "/builds/b")
            try await fs.removeItem(at: "/cache/k")
            let miss = try await world.manager.get(key: "k", into: "/builds/c")
            #expect(PostgresStartupCheck.failure(on: fs, dataDirectory: "/builds/a/pgdata") == nil)
            #expect(PostgresStartupCheck.failure(on: fs, dataDirectory: "/builds/b/pgdata") == nil)
            return (fromLegacy, fromLocal, miss, world.log.lines)
        }
        #expect(fromLegacy == .restoredFromDirectory)
        #expect(fromLocal == .restoredFromLocal)
        #expect(miss == .miss)
        #expect(log.contains { $0.contains("does not match its manifest") })
    }

    @Test func withoutNFSTheRobustPutKeepsAFullLocalCopy() throws {
        let (outcome, kind) = try Self.run(.robust, nfsMounted: false) { world, _ in
            let outcome = try await world.manager.put(key: "k", from: Self.source, deadline: nil)
            return (outcome, try await world.fileSystem.attributes(at: "/cache/k", followSymlinks: false).kind)
        }
        #expect(outcome == .savedLocally)
        #expect(kind == .directory)
    }

    @Test func theBlockLogPathIsHardCodedInTheNaiveStepAndConfigurableInTheRobustOne() throws {
        let results = try Self.run(.robust) { world, simulation in
            let fs = world.fileSystem
            try await fs.createDirectory(at: "/cache/blockchain/block_log_5m", mode: 0o755, withIntermediates: true)
            try await fs.writeFile(at: "/cache/blockchain/block_log_5m/block_log", contents: [1])
            let naive = CacheManager(
                variant: .naive, fileSystem: fs, clock: simulation.clock, giveToDatabaseUser: { _ in }, log: { _ in })
            var naiveError: CacheManagerError?
            do {
                _ = try await naive.blockLogDirectory(environment: [:])
            } catch let error as CacheManagerError {
                naiveError = error
            }
            let byDefault = try await world.manager.blockLogDirectory(environment: [:])
            var robustError: CacheManagerError?
            do { _ = try await world.manager.blockLogDirectory(environment: ["BLOCK_LOG_SOURCE_DIR_5M": "/srv/bl"]) }
            catch let error as CacheManagerError { robustError = error }
            return (naiveError, byDefault, robustError)
        }
        #expect(results.0?.description
            == "container must have /blockchain directory mounted containing block_log with at least 5000000 "
                + "first blocks")
        #expect(results.1 == "/cache/blockchain/block_log_5m")
        #expect(results.2 == CacheManagerError.missingBlockLog(
            directory: "/srv/bl",
            message: "no block_log in /srv/bl: set BLOCK_LOG_SOURCE_DIR_5M to the directory that holds it "
                + "(default /cache/blockchain/block_log_5m)"))
    }
}
