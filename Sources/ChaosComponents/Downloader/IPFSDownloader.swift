import ChaosCore
import ChaosTar
import ChaosIPFS
import HTTPTypes

/// Downloads a package with Kubo's `get` RPC and extracts it into a `FileSystem`.
///
/// The `naive` variant reproduces the incident's client: one attempt, a fixed read timeout, extraction straight into
/// the target as bytes arrive, a clean tar end trusted (trailers and missing end blocks ignored), raw errors.
/// The `robust` variant bounds every attempt with timeouts, retries transient failures with exponential backoff and
/// jitter, extracts into a staging directory beside the target, verifies the trailer, the tar end and the CID, and
/// renames the result into place; it removes the staging directory on every failure and throws `DownloadError`.
///
/// Depends only on protocols (`HTTPClient`, `FileSystem`, a clock, a random generator), so the same code runs in
/// production. Not thread-safe: use from one task at a time.
public final class IPFSDownloader: PackageDownloader, @unchecked Sendable {
    public enum Variant: String, Sendable, Equatable, CaseIterable {
        case naive, robust
    }

    public let variant: Variant
    /// The registry's `host:port`, e.g. `registry:5001`.
    public let registryAuthority: String
    public var policy: DownloadRetryPolicy
    /// The only timeout of the naive variant: the Python client's 30 s socket read timeout.
    public var naiveReadTimeout: Duration = .seconds(30)
    /// Every attempt made so far, in order.
    public private(set) var attempts: [DownloadAttempt] = []

    let http: any HTTPClient
    let fileSystem: any FileSystem
    let clock: any Clock<Duration>
    var random: any RandomNumberGenerator
    /// Numbers staging directories, so that a leftover from a crashed attempt never collides with a new one.
    private var stagingCount = 0

    public init(
        variant: Variant, http: any HTTPClient, fileSystem: any FileSystem, clock: any Clock<Duration>,
        random: any RandomNumberGenerator, registryAuthority: String = "registry:5001",
        policy: DownloadRetryPolicy = DownloadRetryPolicy()
    ) {
        self.variant = variant
        self.http = http
        self.fileSystem = fileSystem
        self.clock = clock
        self.random = random
        self.registryAuthority = registryAuthority
        self.policy = policy
    }

    public func download(cid: String, into target: String) async throws {
        switch variant {
        case .naive: try await downloadNaively(cid: cid, into: target)
        case .robust: try await downloadRobustly(cid: cid, into: target)
        }
    }

    func request(for cid: String) -> HTTPRequest {
        HTTPRequest(
            method: .post, scheme: "http", authority: registryAuthority,
            path: "/api/v0/get?arg=\(cid)&archive=true&compress=false")
    }

    // MARK: - Naive

    private func downloadNaively(cid: String, into target: String) async throws {
        do {
            let response = try await http.execute(
                request(for: cid), body: nil, timeouts: HTTPTimeouts(readIdle: naiveReadTimeout))
            guard response.head.status.code == 200 else {
                let bytes = (try? await response.body.collect(upTo: 64 << 10)) ?? []
                throw HTTPStatusError(status: response.head.status.code, body: String(decoding: bytes, as: UTF8.self))
            }
            try await fileSystem.createDirectory(at: target, withIntermediates: true)
            let extractor = TarExtractor(fileSystem: fileSystem, root: target, checksPaths: false)
            var reader = TarReader()
            for try await chunk in response.body {
                for event in try reader.feed(chunk) {
                    try await extractor.apply(event)
                }
            }
            // Like tarfile and GNU tar: only a cut inside a member is an error; missing end blocks pass.
            _ = try reader.finish()
            try await extractor.finish()
            attempts.append(DownloadAttempt(cid: cid, number: 1, delayBefore: .zero, error: nil))
        } catch {
            attempts.append(DownloadAttempt(cid: cid, number: 1, delayBefore: .zero, error: Self.classify(error)))
            throw error
        }
    }

    // MARK: - Robust

    private func downloadRobustly(cid: String, into target: String) async throws {
        let expected: CID
        do {
            expected = try CID(cid)
        } catch {
            let failure = DownloadError(kind: .hard, reason: .invalidCID, details: "\(cid) is not a CID: \(error)")
            attempts.append(DownloadAttempt(cid: cid, number: 1, delayBefore: .zero, error: failure))
            throw failure
        }
        var machine = DownloadRetryMachine(policy: policy)
        var action = machine.start()
        while true {
            switch action {
            case let .fail(error):
                throw error
            case let .attempt(number, delay):
                if delay > .zero { try await clock.sleep(for: delay) }
                do {
                    try await attempt(cid: expected, into: target)
                    attempts.append(DownloadAttempt(cid: cid, number: number, delayBefore: delay, error: nil))
                    return
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    let failure = Self.classify(error)
                    attempts.append(DownloadAttempt(cid: cid, number: number, delayBefore: delay, error: failure))
                    let unit = Double.random(in: 0..<1, using: &random)  // determinism: ok (seeded generator)
                    action = machine.attemptFailed(failure, retryAfter: failure.retryAfter, unit: unit)
                }
            }
        }
    }

    /// One attempt: fetch into a fresh staging directory, verify, rename into place; no staging left on failure.
    private func attempt(cid: CID, into target: String) async throws {
        stagingCount += 1
        let staging = "\(target).staging-\(stagingCount)"
        let extractor = TarExtractor(fileSystem: fileSystem, root: staging, checksPaths: true)
        do {
            try await fetch(cid: cid, into: extractor)
            try await verify(staging, against: cid)
            try await fileSystem.rename(from: staging, to: target)
            try await fileSystem.syncDirectory(at: FileSystemPath.parent(of: target))
        } catch {
            await extractor.abandon()
            try? await fileSystem.removeTree(at: staging)
            throw error
        }
    }

    private func fetch(cid: CID, into extractor: TarExtractor) async throws {
        // A staging directory of the same name can only be debris of a crashed process: never extract on top of it.
        try? await fileSystem.removeTree(at: extractor.root)
        try await fileSystem.createDirectory(at: extractor.root, mode: 0o755, withIntermediates: true)
        let timeouts = HTTPTimeouts(
            connect: policy.connectTimeout, readIdle: policy.readIdleTimeout, total: policy.totalTimeout)
        let response = try await http.execute(request(for: cid.description), body: nil, timeouts: timeouts)
        let status = response.head.status.code
        guard status == 200 else {
            let bytes = (try? await response.body.collect(upTo: 64 << 10)) ?? []
            let text = String(decoding: bytes, as: UTF8.self)
            let transient = status == 429 || status == 408 || (500...599).contains(status)
            var error = DownloadError(
                kind: transient ? .transient : .hard, reason: .httpStatus,
                details: "registry answered \(status): \(text)", status: status)
            if status == 429 || status == 503,
               let value = response.head.headerFields[.retryAfter], let seconds = Int(value), seconds >= 0
            {
                error.retryAfter = .seconds(seconds)
            }
            throw error
        }
        var reader = TarReader()
        for try await chunk in response.body {
            for event in try reader.feed(chunk) {
                try await extractor.apply(event)
            }
        }
        // Kubo reports an error after the reply began only in this trailer; the body may still end cleanly.
        if let streamError = response.body.trailers?[.ipfsStreamError] {
            throw DownloadError(kind: .transient, reason: .streamError, details: "X-Stream-Error: \(streamError)")
        }
        guard case .endBlocks = try reader.finish() else {
            throw DownloadError(
                kind: .transient, reason: .truncatedArchive, details: "the archive ended without its end blocks")
        }
        try await extractor.finish()
    }

    /// Checks that the staged tree is exactly the requested DAG, by re-importing it with matching options.
    private func verify(_ staging: String, against cid: CID) async throws {
        let options = UnixFSImportOptions(cidVersion: cid.version)
        let importer = UnixFSTreeImporter(options: options, includeHidden: true)
        let node = try await importer.importItem(at: staging, in: fileSystem)
        guard node.cid == cid else {
            throw DownloadError(
                kind: .hard, reason: .cidMismatch, details: "extracted tree has CID \(node.cid), expected \(cid)")
        }
    }
}
