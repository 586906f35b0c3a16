extension FileSystem {
    /// Creates a directory with mode `0o755`.
    public func createDirectory(at path: String, withIntermediates: Bool = false) async throws(FileSystemError) {
        try await createDirectory(at: path, mode: 0o755, withIntermediates: withIntermediates)
    }

    /// Writes `contents` as the file at `path`, replacing any existing file; new files get mode `0o644`.
    public func writeFile(
        at path: String, contents: some Collection<UInt8>, mode: UInt16 = 0o644
    ) async throws(FileSystemError) {
        try await writeFile(at: path, contents: contents, mode: mode, disposition: .overwrite)
    }

    /// Opens the file at `path` for streaming writes, truncating it; new files get mode `0o644`.
    public func openForWriting(at path: String) async throws(FileSystemError) -> any FileWriteHandle {
        try await openForWriting(at: path, mode: 0o644, disposition: .overwrite)
    }

    /// The entry's metadata, following a final symlink.
    public func attributes(at path: String) async throws(FileSystemError) -> FileAttributes {
        try await attributes(at: path, followSymlinks: true)
    }

    /// Whether something exists at `path`; like `test -e`, a dangling symlink does not count when following, and
    /// any error (including a permission error) reads as "no".
    public func exists(at path: String, followSymlinks: Bool = true) async -> Bool {
        do {
            _ = try await attributes(at: path, followSymlinks: followSymlinks)
            return true
        } catch {
            return false
        }
    }

    /// The whole file as content.
    public func readContent(at path: String) async throws(FileSystemError) -> FileContent {
        try await readContent(at: path, offset: 0, count: .max)
    }
}
