/// An open file being written sequentially: the streaming counterpart of `FileSystem.writeFile`.
///
/// A handle is used by one task at a time. Closing twice is harmless; appending or syncing after `close()` is a
/// programmer error and traps.
public protocol FileWriteHandle: AnyObject, Sendable {
    /// The normalised path the handle was opened with.
    var path: String { get }

    /// Writes `bytes` at the end of the file.
    func append(_ bytes: some Collection<UInt8>) async throws(FileSystemError)

    /// Writes `content` at the end of the file; synthetic ranges stay synthetic where the file system keeps them.
    func append(content: FileContent) async throws(FileSystemError)

    /// Says that about `byteCount` more bytes will follow, so the file's storage can be sized once instead of grown
    /// append by append. Only a hint: it changes no content, no counter and no error, and may be ignored.
    func reserveCapacity(forAppending byteCount: Int)

    /// Makes everything written so far durable (`fsync`).
    func sync() async throws(FileSystemError)

    /// Releases the handle. Errors here are real: NFS reports failed delayed writes at close.
    func close() async throws(FileSystemError)
}

extension FileWriteHandle {
    public func reserveCapacity(forAppending byteCount: Int) {}

    /// Materialises `content` piece by piece (at most 1 MiB of a synthetic range at a time) and appends the bytes.
    public func append(content: FileContent) async throws(FileSystemError) {
        for extent in content.extents {
            switch extent {
            case let .bytes(bytes):
                try await append(bytes)
            case let .synthetic(range):
                var start = 0
                while start < range.count {
                    let length = min(1 << 20, range.count - start)
                    try await append(range.slice(from: start, count: length).materialize())
                    start += length
                }
            }
        }
    }
}
