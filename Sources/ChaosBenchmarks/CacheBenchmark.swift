import ChaosComponents
import ChaosCore
import ChaosNet
import Scenarios

/// The cache-manager incident's copies, run by the real tools over a simulated runner (`/cache`, a local disk) and
/// NFS server (`/nfs`), timed in virtual time: every figure comes out of the operations the tools make and the
/// mount profiles' per-operation costs, none is typed in.
public enum CacheBenchmark {
    /// One measured step.
    public struct Case: Sendable {
        public var name: String
        public var virtualSeconds: Double
        public var bytes: Int
        /// Operations per mount: "/nfs" and "/cache", by procedure name.
        public var operations: [String: [String: Int]]
        public var megabytesPerSecond: Double { Double(bytes) / virtualSeconds / 1e6 }
    }

    /// The conditions under which each GET ran, for the report.
    public static let getConditions: [String: String] = [
        "w1_tar_get_cold": "client page cache dropped, 128 KiB readahead, 10 GbE",
        "w1_tar_get_warm": "the archive still in the client page cache right after the PUT",
        "w1_tar_get_tuned": "client page cache dropped, 15 MiB readahead, 25 GbE",
        "w1_cp_a_get": "client page cache dropped, 128 KiB readahead, 10 GbE",
    ]

    /// The NFS mount of the tuned-read case: readahead raised to 15 MiB on a 25 GbE link (facts sheet §1).
    static let tunedNFS: SimFileSystem.StorageProfile = {
        var profile = SimFileSystem.StorageProfile.nfsSync
        profile.name = "nfs_sync_tuned_25gbe"
        profile.readaheadBytes = 15 << 20
        profile.wireReadBytesPerSecond = 2_900_000_000
        return profile
    }()

    /// Every case, in the order of the output contract, plus the tuned GET.
    public static func cases(seed: UInt64 = 1) throws -> [Case] {
        var cases: [Case] = []
        // cp -a PUT of W1, then the cp -a GET of that copy, cold.
        cases += try world(seed: seed, profile: .nfsSync) { tools, fs, sim in
            try await populate(.w1, fs, seed)
            let put = try await measure(sim, "w1_cp_a_put", .w1, fs) {
                try await expectSuccess(tools.copy("/cache/src", to: "/nfs/cp", mode: .archive))
            }
            fs.dropClientCaches()
            let get = try await measure(sim, "w1_cp_a_get", .w1, fs) {
                try await expectSuccess(tools.copy("/nfs/cp", to: "/cache/back", mode: .archive))
            }
            return [put, get]
        }
        cases += try world(seed: seed, profile: .nfsSync) { tools, fs, sim in
            try await populate(.w2, fs, seed)
            return [try await measure(sim, "w2_cp_a_put", .w2, fs) {
                try await expectSuccess(tools.copy("/cache/src", to: "/nfs/cp", mode: .archive))
            }]
        }
        cases += try world(seed: seed, profile: .nfsSync) { tools, fs, sim in
            try await populate(.w1, fs, seed)
            try await fs.createDirectory(at: "/nfs/pipe", mode: 0o755, withIntermediates: false)
            return [try await measure(sim, "w1_tar_pipe_put", .w1, fs) {
                try await expectSuccess(tools.tarPipe(from: "/cache/src", into: "/nfs/pipe"))
            }]
        }
        // The archive PUT, the warm GET right after it, then a cold one.
        cases += try world(seed: seed, profile: .nfsSync) { tools, fs, sim in
            try await populate(.w1, fs, seed)
            let put = try await measure(sim, "w1_tar_archive_put", .w1, fs) { try await archivePut(tools) }
            let warm = try await measure(sim, "w1_tar_get_warm", .w1, fs) {
                try await archiveGet(tools, into: "/cache/warm")
            }
            fs.dropClientCaches()
            let cold = try await measure(sim, "w1_tar_get_cold", .w1, fs) {
                try await archiveGet(tools, into: "/cache/cold")
            }
            return [put, warm, cold]
        }
        cases += try world(seed: seed, profile: tunedNFS) { tools, fs, sim in
            try await populate(.w1, fs, seed)
            try await archivePut(tools)
            fs.dropClientCaches()
            return [try await measure(sim, "w1_tar_get_tuned", .w1, fs) {
                try await archiveGet(tools, into: "/cache/tuned")
            }]
        }
        let order = ["w1_cp_a_put", "w2_cp_a_put", "w1_tar_pipe_put", "w1_tar_archive_put", "w1_tar_get_cold",
                     "w1_tar_get_warm", "w1_cp_a_get", "w1_tar_get_tuned"]
        return order.compactMap { name in cases.first { $0.name == name } }
    }

    /// The ratios the incident quotes, from the cases.
    public static func ratios(_ cases: [Case]) -> [String: Double] {
        func seconds(_ name: String) -> Double { cases.first { $0.name == name }?.virtualSeconds ?? .nan }
        let cpPut = seconds("w1_cp_a_put"), cpGet = seconds("w1_cp_a_get")
        return [
            "put_ratio": cpPut / seconds("w1_tar_archive_put"),
            "get_ratio_cold": cpGet / seconds("w1_tar_get_cold"),
            "get_ratio_warm": cpGet / seconds("w1_tar_get_warm"),
            "get_ratio_tuned": cpGet / seconds("w1_tar_get_tuned"),
            "total_ratio": (cpPut + cpGet) / (seconds("w1_tar_archive_put") + seconds("w1_tar_get_warm")),
        ]
    }

    /// One simulated job's full put and get of W1 — populate the runner's cache, write the archive to NFS under a
    /// temporary name and rename it, drop the client cache, extract it — timed on the wall clock, seed by seed.
    public static func job(seeds: Int) throws -> (wallMillisecondsPerSeed: Double, peakResidentBytes: Int) {
        let clock = ContinuousClock()  // determinism: ok (wall time of the benchmark, outside any simulation)
        let start = clock.now
        for seed in 1...UInt64(seeds) {
            _ = try world(seed: seed, profile: .nfsSync) { tools, fs, sim in
                try await populate(.w1, fs, seed)
                try await archivePut(tools)
                fs.dropClientCaches()
                try await archiveGet(tools, into: "/cache/restore")
                return [Case]()
            }
        }
        let wall = (clock.now - start).secondsDouble
        return (wall * 1000 / Double(seeds), ProcessMemory.peakResidentBytes() ?? -1)
    }

    // MARK: - Steps

    static func archivePut(_ tools: FileTools) async throws {
        try await tools.fileSystem.createDirectory(at: "/nfs/haf", mode: 0o755, withIntermediates: true)
        try await expectSuccess(tools.createArchive(of: "/cache/src", at: "/nfs/haf/cache.tar.tmp"))
        try await expectSuccess(tools.move("/nfs/haf/cache.tar.tmp", to: "/nfs/haf/cache.tar"))
    }

    static func archiveGet(_ tools: FileTools, into directory: String) async throws {
        try await tools.fileSystem.createDirectory(at: directory, mode: 0o755, withIntermediates: false)
        try await expectSuccess(tools.extractArchive(at: "/nfs/haf/cache.tar", into: directory))
    }

    static func populate(_ dataset: CacheDataset, _ fs: SimFileSystem, _ seed: UInt64) async throws {
        try await dataset.populate(on: fs, at: "/cache/src", seed: seed)
    }

    struct ToolFailed: Error, CustomStringConvertible {
        var outcome: FileToolOutcome
        var description: String { "a tool failed: \(outcome.diagnostics.joined(separator: "; "))" }
    }

    static func expectSuccess(_ outcome: FileToolOutcome) throws {
        guard outcome.succeeded else { throw ToolFailed(outcome: outcome) }
    }

    /// Runs `body` in a fresh simulation whose file system has `/cache` on a local disk and `/nfs` on `profile`.
    static func world(
        seed: UInt64, profile: SimFileSystem.StorageProfile,
        _ body: @escaping @Sendable (FileTools, SimFileSystem, Simulation) async throws -> [Case]
    ) throws -> [Case] {
        let simulation = Simulation(
            seed: seed, configuration: SimulationConfiguration(timeLimit: .seconds(86_400), traceCapacity: 0))
        let result = simulation.run { simulation in
            let fs = SimFileSystem(
                mounts: [
                    SimFileSystem.Mount(path: "/cache", storage: .localDisk),
                    SimFileSystem.Mount(path: "/nfs", storage: profile),
                ], clock: simulation.clock)
            try await fs.createDirectory(at: "/cache", mode: 0o755, withIntermediates: false)
            try await fs.createDirectory(at: "/nfs", mode: 0o755, withIntermediates: false)
            return try await body(FileTools(fileSystem: fs, runsAsRoot: true), fs, simulation)
        }
        guard case .completed = result.outcome, let value = result.value else {
            throw BenchmarkFailed(description: "the cache world ended \(result.outcome)")
        }
        return try value.get()
    }

    struct BenchmarkFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Times `step` in virtual time and collects the operations it made on each mount.
    static func measure(
        _ simulation: Simulation, _ name: String, _ dataset: CacheDataset, _ fs: SimFileSystem,
        _ step: () async throws -> Void
    ) async throws -> Case {
        let before = fs.storageOperationCountsByMount
        let started = simulation.now
        try await step()
        let elapsed = started.duration(to: simulation.now)
        var operations: [String: [String: Int]] = [:]
        for (index, (mount, counts)) in fs.storageOperationCountsByMount.enumerated() {
            let delta = counts.since(before[index].counts)
            operations[mount] = Dictionary(uniqueKeysWithValues: delta.nonZero.map { ($0.name, $0.count) })
        }
        return Case(
            name: name, virtualSeconds: elapsed.secondsDouble,
            bytes: dataset.totalBytes, operations: operations)
    }
}
