#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChaosComponents
import ChaosCore
import ChaosNet

/// One seed of the CI cache world. A saving job on runner `a` replays for a sampled time, then saves its data
/// directory tree (`/builds/job-a/datadir`, which goes with the job's container) with the cache manager and runs its
/// after_script, all within its timeout, killed at the deadline wherever it is. A restoring job, on runner `b` (or on
/// `a`), then restores the cache into its own build directory, starts PostgreSQL on it and runs the maintenance
/// step. The invariants are checked against the saved tree, the NFS cache and what the jobs printed.
final class CacheWorkload: ScenarioWorkload {
    let world: ScenarioWorld
    let variant: CacheVariant
    let config: CacheConfig
    /// The seed's draws, made at construction so that they do not depend on what the jobs do.
    let replay: Duration
    let hddServer: Bool
    let sameRunner: Bool
    let killAfter: Duration?
    let legacy: Bool

    static let key = "haf_cache"
    static let legacyKey = "haf_legacy"
    static let source = "/builds/job-a/datadir"
    static let destination = "/builds/job-b/datadir"
    static let nfsMount = "/nfs"

    private var saved: FileTreeSnapshot?
    private var savingJob = CacheJobRecord()
    private var restoringJob = CacheJobRecord()
    private let logA = CacheJobLog()
    private let logB = CacheJobLog()
    private var violationList: [InvariantViolation] = []
    private var nfsOperations = SimFileSystem.StorageOperationCounts()

    init(world: ScenarioWorld, variant: VariantName, config: CacheConfig) throws {
        self.world = world
        self.variant = variant.component(CacheVariant.self)
        self.config = config
        let random = world.simulation.random("cache.world")
        // Box–Muller from two uniform draws: the replay's duration, cut at zero.
        let (u, v) = (max(random.unitInterval(), .leastNonzeroMagnitude), random.unitInterval())
        let normal = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        let replaySeconds = max(0, config.replayMean.secondsDouble + normal * config.replayDeviation.secondsDouble)
        replay = .nanoseconds(Int64(replaySeconds * 1e9))
        hddServer = random.chance(config.hddServerFraction)
        sameRunner = random.chance(config.sameRunnerFraction)
        let kill = random.chance(config.killDuringPutFraction)
        let killOffset = random.unitInterval() * config.killWindow.secondsDouble
        killAfter = kill ? .nanoseconds(Int64(killOffset * 1e9)) : nil
        legacy = random.chance(config.legacyCacheFraction)
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        let fs = world.fileSystem
        do {
            try await prepare(fs)
        } catch {
            return WorkloadFailure(cause: "setup", summary: "the world could not be set up", detail: "\(error)")
        }
        let before = fs.storageOperationCounts(atMount: Self.nfsMount) ?? SimFileSystem.StorageOperationCounts()
        savingJob = await runSavingJob(fs)
        nfsOperations = (fs.storageOperationCounts(atMount: Self.nfsMount) ?? before).since(before)
        let counts = nfsOperations.nonZero.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        world.simulation.trace("cache", "saving job: NFS " + counts)
        // The job's container goes, and its build directory with it: absolute links into it dangle from now on.
        try? await fs.removeTree(at: "/builds/job-a")
        restoringJob = await runRestoringJob(fs)
        violationList = CacheInvariants.check(
            fileSystem: fs, saved: saved, restoredSaved: legacy ? savedLegacy : saved, savingJob: savingJob,
            restoringJob: restoringJob,
            logs: logA.lines + logB.lines, settings: config.settings, key: Self.key, source: Self.source,
            destination: Self.destination, restoredKeySource: legacy ? Self.legacySource : Self.source)
        return Self.failure(savingJob: savingJob, restoringJob: restoringJob)
    }

    /// Where the legacy cache of an older job was saved from (gone long ago).
    static let legacySource = "/builds/job-old/datadir"

    /// The runners' disks, the NFS cache directory, the block log, the tree to save and, for a legacy seed, a cache
    /// an older manager left as a directory.
    private func prepare(_ fs: SimFileSystem) async throws {
        // What exists before the jobs start is set up out of the faults' reach.
        fs.faultsSuspended = true
        defer { fs.faultsSuspended = false }
        for directory in ["/cache/a", "/cache/b", "/builds", config.settings.nfsRoot] {
            try await fs.createDirectory(at: directory, mode: 0o755, withIntermediates: true)
        }
        try await fs.createDirectory(at: config.blockLogDirectory, mode: 0o755, withIntermediates: true)
        let blockLog = try await fs.openForWriting(at: config.blockLogDirectory + "/block_log")
        try await blockLog.append(content: FileContent(SyntheticBytes(seed: 5_000_000, count: 2 << 30)))
        try await blockLog.close()
        let seed = world.simulation.seed
        if legacy {
            try await config.dataset.populate(on: fs, at: Self.legacySource, seed: seed &+ 1)
            let tools = FileTools(fileSystem: fs, runsAsRoot: true)
            _ = try await tools.copy(
                Self.legacySource, to: config.settings.nfsDirectory(Self.legacyKey), mode: .archive)
            savedLegacy = try fs.snapshot(of: Self.legacySource)
            try await fs.removeTree(at: "/builds/job-old")
        }
        try await config.dataset.populate(on: fs, at: Self.source, seed: seed)
        saved = try fs.snapshot(of: Self.source)
        if hddServer, fs.storageProfile(atMount: Self.nfsMount) != nil {
            fs.setStorageProfile(.nfsSyncHDD, atMount: Self.nfsMount)
        }
        fs.dropClientCaches()
    }

    private var savedLegacy: FileTreeSnapshot?

    private func manager(localRoot: String, log: CacheJobLog) -> CacheManager<SimClock> {
        var settings = config.settings
        settings.localRoot = localRoot
        let fs = world.fileSystem
        // The cache steps run with sudo, as the incident's scripts do: tar restores modes exactly.
        return CacheManager(
            variant: variant, settings: settings, fileSystem: fs, clock: world.clock, runsAsRoot: true,
            giveToDatabaseUser: { path in try fs.setForeignOwner(at: path) }, log: { log.append($0) })
    }

    /// The saving job: replay, cache put, after_script, under the job's timeout (and a runner kill on some seeds).
    private func runSavingJob(_ fs: SimFileSystem) async -> CacheJobRecord {
        let simulation = world.simulation
        let clock = world.clock
        let start = clock.now
        let deadline = start.advanced(by: config.jobTimeout)
        let jobManager = manager(localRoot: "/cache/a", log: logA)
        let state = CacheJobState()
        // Separate lets: a destructured tuple captured by a `sending` closure defeats the region checker.
        let replayTime = self.replay
        let afterScript = config.afterScript
        let killDelay = self.killAfter
        let timeoutSeconds = Int(config.jobTimeout.secondsDouble)
        let log = logA
        let job = simulation.spawn(name: "saving job") {
            try await CacheWorkload.savingJob(
                manager: jobManager, state: state, simulation: simulation, start: start, deadline: deadline,
                replay: replayTime, afterScript: afterScript, killAfter: killDelay, log: log)
        }
        state.cancel = { job.cancel() }
        let watchdog = simulation.spawn(name: "job timeout") {
            try await clock.sleep(until: deadline, tolerance: nil)
            guard !state.record.killedByRunner else { return }
            state.record.timedOut = true
            log.append("ERROR: Job failed: execution took longer than \(timeoutSeconds) s")
            job.cancel()
        }
        if case let .failure(error) = await job.result { state.record.failure = error }
        watchdog.cancel()
        state.record.ended = start.duration(to: clock.now)
        return state.record
    }

    /// The saving job's steps, in its task: replay, put (with a runner kill armed on some seeds), after_script.
    private static func savingJob(
        manager: CacheManager<SimClock>, state: CacheJobState, simulation: Simulation, start: SimClock.Instant,
        deadline: SimClock.Instant, replay: Duration, afterScript: Duration, killAfter: Duration?, log: CacheJobLog
    ) async throws {
        let clock = simulation.clock
        try await clock.sleep(for: replay)
        log.append("replay finished after \(Int(replay.secondsDouble)) s")
        state.record.putStarted = start.duration(to: clock.now)
        state.record.phase = "put"
        let killer = killAfter.map { delay in
            simulation.spawn(name: "runner kill") {
                try await clock.sleep(for: delay)
                state.record.killedByRunner = true
                log.append("ERROR: Job failed: the runner was killed")
                state.cancel?()
            }
        }
        do {
            let outcome = try await manager.put(key: key, from: source, deadline: deadline)
            state.record.putOutcome = name(of: outcome)
            killer?.cancel()
        } catch {
            killer?.cancel()
            throw error
        }
        state.record.phase = "after_script"
        try await clock.sleep(for: afterScript)
    }

    /// The restoring job: get, PostgreSQL's startup on the restored tree, the maintenance step.
    private func runRestoringJob(_ fs: SimFileSystem) async -> CacheJobRecord {
        var record = CacheJobRecord()
        let start = world.clock.now
        // The job's build directory exists when its script starts; the data directory is restored into it.
        try? await fs.createDirectory(
            at: FileSystemPath.parent(of: Self.destination), mode: 0o755, withIntermediates: true)
        let manager = manager(localRoot: sameRunner ? "/cache/a" : "/cache/b", log: logB)
        do {
            let outcome = try await manager.get(key: legacy ? Self.legacyKey : Self.key, into: Self.destination)
            record.getOutcome = Self.name(of: outcome)
            if outcome != .miss {
                record.postgresFailure = PostgresStartupCheck.failure(
                    on: fs, dataDirectory: Self.destination + "/" + config.settings.dataDirectoryName)
            }
        } catch {
            record.getOutcome = "failed"
            record.failure = error
        }
        do {
            _ = try await manager.blockLogDirectory(environment: ["BLOCK_LOG_SOURCE_DIR_5M": config.blockLogDirectory])
        } catch {
            record.blockLogError = error.description
        }
        record.ended = start.duration(to: world.clock.now)
        return record
    }

    static func name(of outcome: CachePutOutcome) -> String {
        switch outcome {
        case .savedToNFS: "saved_to_nfs"
        case .savedLocally: "saved_locally"
        case .skipped: "skipped"
        }
    }

    static func name(of outcome: CacheGetOutcome) -> String {
        switch outcome {
        case .restoredFromArchive: "archive"
        case .restoredFromDirectory: "directory"
        case .restoredFromLocal: "local"
        case .miss: "miss"
        }
    }

    /// The first thing that failed a job, as CI would show it.
    static func failure(savingJob: CacheJobRecord, restoringJob: CacheJobRecord) -> WorkloadFailure? {
        if savingJob.timedOut {
            let started = savingJob.putStarted.map { "the put started at \(Int($0.secondsDouble)) s" }
                ?? "the replay alone overran it"
            return WorkloadFailure(
                cause: "job_timeout_in_\(savingJob.phase)", summary: "the saving job ran past its timeout",
                detail: "killed at \(Int(savingJob.ended?.secondsDouble ?? 0)) s in its \(savingJob.phase); \(started)")
        }
        if let error = restoringJob.failure {
            return WorkloadFailure(
                cause: ErrorCause.name(of: error), summary: "a step of the restoring job failed", detail: "\(error)")
        }
        if let fatal = restoringJob.postgresFailure {
            return WorkloadFailure(
                cause: "postgres_fatal", summary: "PostgreSQL could not open the restored database", detail: fatal)
        }
        if let message = restoringJob.blockLogError {
            return WorkloadFailure(cause: "missing_block_log", summary: "the maintenance step found no block log",
                                   detail: message)
        }
        return nil
    }

    func violations() async -> [InvariantViolation] { violationList }

    func figures() async -> SeedFigures {
        CacheFigures.make(
            savingJob: savingJob, restoringJob: restoringJob, nfsOperations: nfsOperations, hddServer: hddServer,
            replay: replay, legacy: legacy, savingLog: logA.lines)
    }
}
