import ChaosCore

/// The tools a CI script runs on trees — `cp`, `rsync`, `tar`, `chmod`, `ln`, `mv`, `ls` — over any `FileSystem`,
/// with GNU semantics where they decide what a copy keeps and what it costs: symlinks stay symlinks with their
/// target text verbatim (or are skipped, as `rsync -r` without `-l` does), modes and modification times follow each
/// tool's rules, and the calls come in the tool's own order, which decides where an NFS client pays its COMMITs.
///
/// Errors about one entry are reported the way the tool prints them and the walk goes on, as the real tools do;
/// the outcome's exit status then says it failed. Errors of the device (no space, I/O, a read-only file system) end
/// the run by throwing, and so does cancellation, checked between entries: a job killed mid-copy leaves what the
/// copy had done so far. Content is read in `readChunkBytes` pieces and kept as `FileContent`, so synthetic files
/// of a simulation are copied without being materialised and a real disk never holds a whole big file in memory.
public struct FileTools: Sendable {
    public let fileSystem: any FileSystem
    /// Applied where the real tools apply the process umask (files `cp -r` or `tar x` creates as a non-root user).
    public var umask: UInt16
    /// Whether the tools run as root: `tar x` then restores modes exactly (`-p` is the default for root).
    public var runsAsRoot: Bool
    /// The most content one read asks for.
    public var readChunkBytes: Int

    public init(fileSystem: any FileSystem, umask: UInt16 = 0o022, runsAsRoot: Bool = false,
                readChunkBytes: Int = 64 << 20) {
        precondition(umask <= 0o777 && readChunkBytes > 0, "invalid tool settings")
        self.fileSystem = fileSystem
        self.umask = umask
        self.runsAsRoot = runsAsRoot
        self.readChunkBytes = readChunkBytes
    }

    // MARK: - Shared steps

    /// Streams the file at `source` into `handle`, chunk by chunk; returns the bytes copied.
    @discardableResult
    func copyContent(of source: String, into handle: any FileWriteHandle) async throws(FileSystemError) -> Int {
        var offset = 0
        while true {
            let chunk = try await fileSystem.readContent(at: source, offset: offset, count: readChunkBytes)
            if !chunk.isEmpty { try await handle.append(content: chunk) }
            offset += chunk.count
            if chunk.count < readChunkBytes { return offset }
        }
    }

    /// Whether an error ends the whole run rather than one entry's copy.
    static func isFatal(_ error: FileSystemError) -> Bool {
        switch error {
        case .noSpace, .ioError, .readOnlyFileSystem: true
        default: false
        }
    }

    /// Throws if the task was cancelled: the point between two entries where a killed tool stops.
    static func checkKilled() throws(FileToolError) {
        if Task.isCancelled { throw .killed }
    }

    /// `directory/name`, for a name taken from a listing.
    static func join(_ directory: String, _ name: String) -> String {
        FileSystemPath.joining(directory, name)
    }
}
