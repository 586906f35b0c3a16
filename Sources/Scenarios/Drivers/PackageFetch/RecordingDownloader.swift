import ChaosComponents

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
