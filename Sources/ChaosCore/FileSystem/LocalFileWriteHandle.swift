#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A write handle of `LocalFileSystem`: an open file descriptor, closed by `close()` or, if forgotten, on release.
///
/// Thread-safety: none beyond the descriptor's; use it from one task at a time.
final class LocalFileWriteHandle: FileWriteHandle, @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private var isClosed = false

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        if !isClosed { _ = try? LocalSyscalls.closeDescriptor(descriptor, path: path) }
    }

    func append(_ bytes: some Collection<UInt8>) async throws(FileSystemError) {
        precondition(!isClosed, "append after close on \(path)")
        try LocalSyscalls.writeAll(descriptor, bytes, path: path)
    }

    func sync() async throws(FileSystemError) {
        precondition(!isClosed, "sync after close on \(path)")
        try LocalSyscalls.syncDescriptor(descriptor, path: path)
    }

    func close() async throws(FileSystemError) {
        guard !isClosed else { return }
        // close(2) releases the descriptor even when it reports an error, so the handle is closed either way.
        isClosed = true
        try LocalSyscalls.closeDescriptor(descriptor, path: path)
    }
}
