import ChaosCore

/// Saves a CI job's data directory tree to a cache and restores it in a later job: the component of the
/// cache-manager incident, in its naive and robust variants (`CacheVariant`).
///
/// Everything it touches comes through protocols and tools — a `FileSystem` (the runner's disk with the NFS mount
/// below it), the `FileTools` over it, a `Clock` for the time budget, an owner-changing helper (`sudo chown` in
/// production) — so the same code runs in a CI job and in a simulation. A kill of the job is a cancellation of the
/// task: the tools stop between entries and leave what they did, and the manager's own steps are ordered so that the
/// robust variant never publishes a partial archive under the final name.
public final class CacheManager<C: Clock>: Sendable where C.Duration == Duration {
    public let variant: CacheVariant
    public let settings: CacheSettings
    let fileSystem: any FileSystem
    let tools: FileTools
    let clock: C
    /// Gives a path to PostgreSQL's user (`sudo chown -R 105:105`), after which the job's own user cannot enter it.
    let giveToDatabaseUser: @Sendable (String) async throws -> Void
    let log: @Sendable (String) -> Void

    public init(
        variant: CacheVariant, settings: CacheSettings = CacheSettings(), fileSystem: any FileSystem, clock: C,
        runsAsRoot: Bool = false, giveToDatabaseUser: @escaping @Sendable (String) async throws -> Void,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.variant = variant
        self.settings = settings
        self.fileSystem = fileSystem
        self.tools = FileTools(fileSystem: fileSystem, runsAsRoot: runsAsRoot)
        self.clock = clock
        self.giveToDatabaseUser = giveToDatabaseUser
        self.log = log
    }

    /// Saves the tree at `source` (holding the data directory and its tablespace) under `key`. `deadline` is when the
    /// job will be killed, for the robust budget check; nil for no limit.
    public func put(key: String, from source: String, deadline: C.Instant?) async throws -> CachePutOutcome {
        switch variant {
        case .naive: try await naivePut(key: key, from: source)
        case .robust: try await robustPut(key: key, from: source, deadline: deadline)
        }
    }

    /// Restores the cache `key` into `destination`, which must not exist yet.
    public func get(key: String, into destination: String) async throws -> CacheGetOutcome {
        switch variant {
        case .naive: try await naiveGet(key: key, into: destination)
        case .robust: try await robustGet(key: key, into: destination)
        }
    }

    /// The directory holding the 5-million-block `block_log` the maintenance step replays from.
    public func blockLogDirectory(environment: [String: String]) async throws(CacheManagerError) -> String {
        let directory: String
        switch variant {
        case .naive:
            // The incident's script sets it unconditionally, overriding any CI variable.
            directory = "/blockchain/block_log_5m"
        case .robust:
            directory = environment["BLOCK_LOG_SOURCE_DIR_5M"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "/cache/blockchain/block_log_5m"
        }
        guard await fileSystem.exists(at: directory + "/block_log") else {
            switch variant {
            case .naive:
                throw .missingBlockLog(
                    directory: directory,
                    message: "container must have /blockchain directory mounted containing block_log with at least "
                        + "5000000 first blocks")
            case .robust:
                throw .missingBlockLog(
                    directory: directory,
                    message: "no block_log in \(directory): set BLOCK_LOG_SOURCE_DIR_5M to the directory that holds "
                        + "it (default /cache/blockchain/block_log_5m)")
            }
        }
        return directory
    }

    // MARK: - Shared steps

    func dataDirectory(in root: String) -> String { root + "/" + settings.dataDirectoryName }

    func isDirectory(_ path: String) async -> Bool {
        (try? await fileSystem.attributes(at: path, followSymlinks: true).kind) == .directory
    }

    /// Throws the step's failure if a tool failed, printing what it printed.
    func require(_ outcome: FileToolOutcome, _ step: String) throws(CacheManagerError) {
        outcome.diagnostics.forEach(log)
        guard outcome.succeeded else {
            throw .stepFailed(step: step, exitStatus: outcome.exitStatus, diagnostics: outcome.diagnostics)
        }
    }
}
