extension FileTreeSnapshot {
    /// The most entries a capture visits unless told otherwise.
    public static let capturedEntryCountMax = 1_000_000

    /// Walks the directory at `root` through any `FileSystem` (following `root` itself if it is a symlink, never
    /// the symlinks below it) and hashes every file in chunks of `chunkSize` bytes, so large files never sit in
    /// memory whole. Through `SimFileSystem` this costs virtual time like any other use; `SimFileSystem.snapshot`
    /// does not.
    ///
    /// Throws `ioError` when the tree has more than `entryCountMax` entries: a limit, not a failure of the disk.
    public static func capture(
        of fileSystem: some FileSystem, at root: String, entryCountMax: Int = capturedEntryCountMax,
        chunkSize: Int = 1 << 20
    ) async throws(FileSystemError) -> FileTreeSnapshot {
        precondition(entryCountMax >= 0 && chunkSize > 0, "invalid capture limits")
        let root = try FileSystemPath.normalize(root)
        guard try await fileSystem.attributes(at: root, followSymlinks: true).kind == .directory else {
            throw .notADirectory(path: root)
        }
        var entries: [Entry] = []
        // Relative paths of directories still to list; "" is the root.
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : FileSystemPath.joining(root, relative)
            for name in try await fileSystem.listDirectory(at: directory) {
                guard entries.count < entryCountMax else {
                    throw .ioError(path: root, message: "more than \(entryCountMax) entries to snapshot")
                }
                let path = relative.isEmpty ? name : relative + "/" + name
                let absolute = FileSystemPath.joining(directory, name)
                let attributes = try await fileSystem.attributes(at: absolute, followSymlinks: false)
                var entry = Entry(path: path, kind: attributes.kind, mode: attributes.mode, size: attributes.size)
                switch attributes.kind {
                case .file:
                    (entry.size, entry.contentDigest) = try await hash(absolute, in: fileSystem, chunkSize: chunkSize)
                case .symlink:
                    entry.symlinkTarget = try await fileSystem.readSymlink(at: absolute)
                case .directory:
                    pending.append(path)
                case .other:
                    break
                }
                entries.append(entry)
            }
        }
        return FileTreeSnapshot(root: root, entries: entries)
    }

    /// The size and digest of the file's content as read now (they may differ from an earlier `stat`): FNV-1a of the
    /// bytes, synthetic ranges of a simulated file digested by their coordinates (see `FileContent.digest`).
    private static func hash(
        _ path: String, in fileSystem: some FileSystem, chunkSize: Int
    ) async throws(FileSystemError) -> (Int, UInt64) {
        var hasher = FileContentHasher()
        var offset = 0
        while true {
            let chunk = try await fileSystem.readContent(at: path, offset: offset, count: chunkSize)
            hasher.combine(chunk)
            offset += chunk.count
            if chunk.count < chunkSize { return (offset, hasher.value) }
        }
    }
}
