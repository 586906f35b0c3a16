import ChaosCore
import HTTPTypes

/// Uploads local files to an object store over HTTP (`PUT /objects/<name>`) and keeps a local index of what the store
/// holds, one `name size` line per object.
///
/// - `naive`: records the object in the index first, then uploads once; a failed upload leaves an index entry for an
///   object the store never received, and the raw error escapes.
/// - `robust`: uploads first, retrying transient failures (timeouts, resets, 5xx) with exponential backoff and
///   jitter; only after the store confirmed does it add the entry, by writing a new index and renaming it into place,
///   so the index never names an object the store lacks.
///
/// Depends only on protocols (`HTTPClient`, `FileSystem`, a clock, a random source), so the same code runs against a
/// real store and a real disk. Not thread-safe: use from one task at a time.
public final class Uploader: @unchecked Sendable {
    public enum Variant: String, Sendable, CaseIterable {
        case naive, robust
    }

    public let variant: Variant
    /// The store's `host:port`.
    public let store: String
    /// The index file.
    public let indexPath: String
    public var policy: UploadRetryPolicy
    /// Attempts made by the last `upload` call.
    public private(set) var lastAttemptCount = 0

    let http: any HTTPClient
    let fileSystem: any FileSystem
    let clock: any Clock<Duration>
    var random: any RandomNumberGenerator

    public init(
        variant: Variant, http: any HTTPClient, fileSystem: any FileSystem, clock: any Clock<Duration>,
        random: any RandomNumberGenerator, store: String, indexPath: String,
        policy: UploadRetryPolicy = UploadRetryPolicy()
    ) {
        self.variant = variant
        self.http = http
        self.fileSystem = fileSystem
        self.clock = clock
        self.random = random
        self.store = store
        self.indexPath = indexPath
        self.policy = policy
    }

    /// Uploads the file at `path` as object `name` and records it in the index.
    public func upload(path: String, as name: String) async throws {
        let bytes = try await fileSystem.readFile(at: path)
        switch variant {
        case .naive:
            // The entry goes in before the upload has happened, and stays if it never does.
            var index = try await UploadIndex.read(at: indexPath, in: fileSystem)
            index.entries[name] = bytes.count
            try await fileSystem.writeFile(at: indexPath, contents: index.encoded)
            lastAttemptCount = 1
            try await put(bytes, as: name, timeout: policy.attemptTimeout)
        case .robust:
            try await uploadWithRetries(bytes, as: name)
            var index = try await UploadIndex.read(at: indexPath, in: fileSystem)
            index.entries[name] = bytes.count
            try await UploadIndex.replace(index, at: indexPath, in: fileSystem)
        }
    }

    private func uploadWithRetries(_ bytes: [UInt8], as name: String) async throws {
        var attempt = 0
        while true {
            attempt += 1
            lastAttemptCount = attempt
            let failure: UploadError
            do {
                try await put(bytes, as: name, timeout: policy.attemptTimeout)
                return
            } catch let error as UploadError {
                failure = error
            } catch let error as HTTPClientError {
                failure = UploadError(name: name, reason: .network(error.name), attempts: attempt)
            }
            guard failure.isTransient, attempt < policy.attemptCountMax else { throw failure }
            let jitter = Double.random(in: 0..<1, using: &random)
            try await clock.sleep(for: policy.backoff(afterAttempt: attempt, jitter: jitter))
        }
    }

    /// One `PUT`; a reply other than 200 or 201 is an `UploadError`.
    private func put(_ bytes: [UInt8], as name: String, timeout: Duration) async throws {
        let request = HTTPRequest(method: .put, scheme: "http", authority: store, path: "/objects/\(name)")
        let response = try await http.execute(
            request, body: .bytes(bytes), timeouts: HTTPTimeouts(connect: timeout, readIdle: timeout, total: timeout))
        _ = try await response.body.collect(upTo: 64 << 10)
        let status = response.head.status.code
        guard status == 200 || status == 201 else {
            throw UploadError(name: name, reason: .status(status), attempts: lastAttemptCount)
        }
    }
}
