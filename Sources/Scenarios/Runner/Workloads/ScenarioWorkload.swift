import ChaosNet

/// A component driven the way a test or a service loop drives it, in one seed's world.
protocol ScenarioWorkload: AnyObject {
    /// Runs the workload's operations once, as one CI test run does; `pass` is 0 for the first run and 1 for a rerun
    /// in the same world. Returns why the run failed, or nil when it passed.
    func perform(pass: Int) async -> WorkloadFailure?
    /// What is broken in the world now, checked after the workload ran.
    func violations() async -> [InvariantViolation]
}

/// Why one run of a workload failed, normalised for failure signatures.
struct WorkloadFailure: Sendable, Equatable {
    /// A stable short name of the cause, the same across seeds (`500:read_timeout`, `503:http_503`).
    var cause: String
    /// One line for people, stable across seeds.
    var summary: String
    /// This seed's specifics.
    var detail: String
}

/// One broken invariant.
struct InvariantViolation: Sendable, Equatable {
    var invariant: InvariantName
    var message: String
}

/// A short stable name for an error a component let out or gave as its cause.
enum ErrorCause {
    static func name(of error: any Error) -> String {
        switch error {
        case let error as DownloadError: error.cause
        case let error as HTTPClientError: error.name
        case let error as HTTPStatusError: "http_\(error.status)"
        case is TarReadError: "invalid_archive"
        case is FileSystemError: "file_system"
        case is TimeoutError: "timeout"
        default: String(describing: type(of: error))
        }
    }
}

/// Passes downloads through and remembers the last error, so that a failed creation can name its cause even when the
/// component turns the error into a bare 500.
final class RecordingDownloader: PackageDownloader, @unchecked Sendable {
    let inner: IPFSDownloader
    var lastError: (any Error)?

    init(_ inner: IPFSDownloader) {
        self.inner = inner
    }

    func download(cid: String, into target: String) async throws {
        do {
            try await inner.download(cid: cid, into: target)
        } catch {
            lastError = error
            throw error
        }
    }
}

extension ScenarioWorld {
    /// The scenario's downloader in `variant`, configured from the workload.
    func makeDownloader(_ variant: ComponentVariant) -> IPFSDownloader {
        let config = scenario.workload.downloader
        let downloader = IPFSDownloader(
            variant: variant == .naive ? .naive : .robust, http: client, fileSystem: fileSystem,
            clock: simulation.clock, random: simulation.random("downloader.jitter"),
            registryAuthority: registryAuthority, policy: config.policy)
        downloader.naiveReadTimeout = config.naiveReadTimeout
        return downloader
    }
}
