/// A write handle of `SimFileSystem`: it holds the inode, so it keeps writing to the file after a rename or an unlink,
/// as a file descriptor does.
///
/// Thread-safety: none; use it from the simulation's thread, one task at a time.
final class SimFileWriteHandle: FileWriteHandle, @unchecked Sendable {
    let fileSystem: SimFileSystem
    let inode: SimInode
    let path: String
    /// The file system's crash generation at open; a crash makes the handle stale.
    let generation: Int
    /// The storage mount the file was opened under, if it has a profile.
    let site: Int?
    private var isClosed = false

    init(fileSystem: SimFileSystem, inode: SimInode, path: String, generation: Int, site: Int?) {
        self.fileSystem = fileSystem
        self.inode = inode
        self.path = path
        self.generation = generation
        self.site = site
    }

    func append(_ bytes: some Collection<UInt8>) async throws(FileSystemError) {
        precondition(!isClosed, "append after close on \(path)")
        try await fileSystem.append(bytes, through: self)
    }

    func append(content: FileContent) async throws(FileSystemError) {
        precondition(!isClosed, "append after close on \(path)")
        try await fileSystem.append(content: content, through: self)
    }

    func reserveCapacity(forAppending byteCount: Int) {
        guard !isClosed else { return }
        fileSystem.reserveCapacity(forAppending: byteCount, through: self)
    }

    func sync() async throws(FileSystemError) {
        precondition(!isClosed, "sync after close on \(path)")
        try await fileSystem.sync(through: self)
    }

    func close() async throws(FileSystemError) {
        guard !isClosed else { return }
        isClosed = true
        try await fileSystem.close(through: self)
    }
}
