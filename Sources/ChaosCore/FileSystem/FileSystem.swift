/// What components depend on to use a disk: `SimFileSystem` implements it in simulations, `LocalFileSystem` in
/// production, with the same semantics and the same errors.
///
/// Paths are absolute POSIX paths, normalised lexically first (`.`, `..`, repeated and trailing slashes; see
/// `FileSystemPath`). Symbolic links in the middle of a path are followed. The final component is followed by reads,
/// writes and `attributes(at:followSymlinks: true)`, and never by `removeItem`, `removeTree`, `rename`,
/// `readSymlink` and `attributes(at:followSymlinks: false)`. Permission bits are given exactly: no umask applies.
public protocol FileSystem: Sendable {
    /// Creates a directory with the permission bits `mode`. With `withIntermediates`, missing parents are created too
    /// (with `mode | 0o300`, as `mkdir -p` does, so that they stay usable) and an existing directory is not an error.
    func createDirectory(at path: String, mode: UInt16, withIntermediates: Bool) async throws(FileSystemError)

    /// Writes `contents` as the file at `path`, created with `mode` if it is new. The data is not durable until the
    /// file is synced (`syncFile(at:)` or a handle's `sync()`).
    func writeFile(
        at path: String, contents: some Collection<UInt8>, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError)

    /// Opens the file at `path` for streaming writes; bytes are added at its end.
    func openForWriting(
        at path: String, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError) -> any FileWriteHandle

    /// The whole content of the file at `path`.
    func readFile(at path: String) async throws(FileSystemError) -> [UInt8]

    /// Up to `count` bytes of the file at `path` from `offset`; fewer (possibly none) at the end of the file.
    func readFile(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> [UInt8]

    /// Up to `count` bytes of the file at `path` from `offset` as content: a simulated file system keeps synthetic
    /// ranges synthetic, so that a tool can copy a file of gigabytes without materialising it; a real one reads bytes.
    func readContent(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> FileContent

    /// Sets the entry's modification time (following a final symlink), as `touch -d` or `cp -a` does.
    func setModificationTime(at path: String, seconds: Int64) async throws(FileSystemError)

    /// Changes the entry's owner and group (following a final symlink), as `chown` does: root may give anything to
    /// anyone; an owner may only move it to one of its own groups (EPERM otherwise, as permission denied).
    func setOwner(at path: String, userID: UInt32, groupID: UInt32) async throws(FileSystemError)

    /// Makes the file's data durable (opens it and calls `fsync`).
    func syncFile(at path: String) async throws(FileSystemError)

    /// Creates a symbolic link at `path` whose target is stored verbatim: relative or absolute, existing or not.
    func createSymlink(at path: String, target: String) async throws(FileSystemError)

    /// The target of the symbolic link at `path`, exactly as it was created.
    func readSymlink(at path: String) async throws(FileSystemError) -> String

    /// The entry's metadata; with `followSymlinks`, that of what a final symlink points to.
    func attributes(at path: String, followSymlinks: Bool) async throws(FileSystemError) -> FileAttributes

    /// Changes the permission bits of the entry (following a final symlink, as `chmod` does).
    func setPermissions(at path: String, mode: UInt16) async throws(FileSystemError)

    /// Removes a file, a symlink (not its target) or an empty directory.
    func removeItem(at path: String) async throws(FileSystemError)

    /// Removes the entry and, for a directory, everything below it. Symlinks are removed, never followed.
    func removeTree(at path: String) async throws(FileSystemError)

    /// Atomically renames `source` to `destination`, replacing a file or an empty directory there, as `rename(2)`.
    func rename(from source: String, to destination: String) async throws(FileSystemError)

    /// The names in the directory, sorted by their UTF-8 bytes, without `.` and `..`.
    func listDirectory(at path: String) async throws(FileSystemError) -> [String]

    /// Makes the directory's entries durable (opens it and calls `fsync`), which some file systems need before a
    /// created or renamed name survives a crash.
    func syncDirectory(at path: String) async throws(FileSystemError)
}
