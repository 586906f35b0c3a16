#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's real file system through POSIX calls, with the semantics and errors of `SimFileSystem`: used in
/// production and by tools that hash local directories.
///
/// Paths are normalised lexically before any call, modes are applied exactly (a `chmod` after creation undoes the
/// umask), `removeTree` never follows a symlink, and `rename` is `rename(2)`. Calls block the calling thread, as
/// `FileManager` does.
public struct LocalFileSystem: FileSystem {
    /// The most entries one directory listing returns before failing with `ioError`.
    public let directoryEntryCountMax: Int

    /// Creates the file system; it holds no state besides its limit.
    public init(directoryEntryCountMax: Int = 1_000_000) {
        precondition(directoryEntryCountMax > 0, "a listing limit must be positive")
        self.directoryEntryCountMax = directoryEntryCountMax
    }

    public func createDirectory(
        at path: String, mode: UInt16, withIntermediates: Bool
    ) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let path = try FileSystemPath.normalize(path)
        guard withIntermediates else {
            try makeDirectory(path, mode: mode, reportedAs: path, existing: .fail)
            return
        }
        let components = try FileSystemPath.components(of: path)
        for count in components.indices.map({ $0 + 1 }) {
            let isLast = count == components.count
            let prefix = "/" + components.prefix(count).joined(separator: "/")
            try makeDirectory(
                prefix, mode: isLast ? mode : mode | 0o300, reportedAs: path,
                existing: isLast ? .acceptDirectory : .acceptDirectoryElseNotADirectory)
        }
    }

    private func makeDirectory(
        _ path: String, mode: UInt16, reportedAs reported: String, existing: ExistingDirectoryPolicy
    ) throws(FileSystemError) {
        guard path != "/" else {
            if existing == .fail { throw .alreadyExists(path: reported) }
            return
        }
        guard mkdir(path, mode_t(mode)) == 0 else {
            let code = errno
            guard code == EEXIST, existing != .fail else { throw LocalSyscalls.error(code, path: reported) }
            if (try? LocalSyscalls.status(path, followSymlinks: true))
                .map({ LocalSyscalls.attributes(of: $0).kind == .directory }) == true
            {
                return
            }
            if existing == .acceptDirectoryElseNotADirectory { throw .notADirectory(path: reported) }
            throw .alreadyExists(path: reported)
        }
        // mkdir(2) applied the umask; the protocol promises the exact mode.
        guard chmod(path, mode_t(mode)) == 0 else { throw LocalSyscalls.error(path: reported) }
    }

    public func writeFile(
        at path: String, contents: some Collection<UInt8>, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let path = try FileSystemPath.normalize(path)
        let descriptor = try openForWrite(path, mode: mode, disposition: disposition)
        do {
            try LocalSyscalls.writeAll(descriptor, contents, path: path)
        } catch {
            _ = close(descriptor)
            throw error
        }
        try LocalSyscalls.closeDescriptor(descriptor, path: path)
    }

    public func openForWriting(
        at path: String, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError) -> any FileWriteHandle {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let path = try FileSystemPath.normalize(path)
        let descriptor = try openForWrite(path, mode: mode, disposition: disposition)
        return LocalFileWriteHandle(descriptor: descriptor, path: path)
    }

    /// Opens for writing, knowing whether the file was created so that only a new file gets `mode` (an existing
    /// file keeps its bits, as with `open(2)`).
    private func openForWrite(
        _ path: String, mode: UInt16, disposition: WriteDisposition
    ) throws(FileSystemError) -> Int32 {
        let create = O_WRONLY | O_CREAT | O_EXCL
        if disposition == .exclusive {
            return try created(LocalSyscalls.openDescriptor(path, create, mode: mode), path, mode: mode)
        }
        let existing = O_WRONLY | (disposition == .overwrite ? O_TRUNC : O_APPEND)
        // Creating exclusively first tells a new file from an existing one; a concurrent unlink between the two
        // calls sends the loop round again, a few times at most.
        for _ in 0..<4 {
            do {
                return try created(LocalSyscalls.openDescriptor(path, create, mode: mode), path, mode: mode)
            } catch .alreadyExists {}
            do {
                return try LocalSyscalls.openDescriptor(path, existing)
            } catch .notFound {}
            // Still ENOENT while something exists: a dangling symlink, whose target O_CREAT creates.
            if let link = try? LocalSyscalls.status(path, followSymlinks: false),
                LocalSyscalls.attributes(of: link).kind == .symlink
            {
                let descriptor = try LocalSyscalls.openDescriptor(path, existing | O_CREAT, mode: mode)
                return try created(descriptor, path, mode: mode)
            }
        }
        throw .ioError(path: path, message: "the file kept appearing and disappearing while being opened")
    }

    /// Sets the exact mode on a descriptor just created (the umask filtered the one given to `open`).
    private func created(_ descriptor: Int32, _ path: String, mode: UInt16) throws(FileSystemError) -> Int32 {
        guard fchmod(descriptor, mode_t(mode)) == 0 else {
            let failure = LocalSyscalls.error(path: path)
            _ = close(descriptor)
            throw failure
        }
        return descriptor
    }

    public func readFile(at path: String) async throws(FileSystemError) -> [UInt8] {
        let path = try FileSystemPath.normalize(path)
        return try withReadDescriptor(path) { descriptor throws(FileSystemError) in
            try LocalSyscalls.readBytes(descriptor, offset: 0, count: nil, path: path)
        }
    }

    public func readFile(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> [UInt8] {
        precondition(offset >= 0 && count >= 0, "negative offset or count")
        let path = try FileSystemPath.normalize(path)
        return try withReadDescriptor(path) { descriptor throws(FileSystemError) in
            try LocalSyscalls.readBytes(descriptor, offset: offset, count: count, path: path)
        }
    }

    public func readContent(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> FileContent {
        FileContent(try await readFile(at: path, offset: offset, count: count))
    }

    public func setModificationTime(at path: String, seconds: Int64) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        // The access time is left alone (UTIME_OMIT, a macro Swift does not import), as `touch -m` does.
        #if canImport(Darwin)
        let omit = -2
        #else
        let omit = (1 << 30) - 2
        #endif
        var times = [timespec(tv_sec: 0, tv_nsec: omit), timespec(tv_sec: time_t(seconds), tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw LocalSyscalls.error(path: path) }
    }

    public func setOwner(at path: String, userID: UInt32, groupID: UInt32) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        guard chown(path, uid_t(userID), gid_t(groupID)) == 0 else { throw LocalSyscalls.error(path: path) }
    }

    /// Opens a regular file for reading (EISDIR for a directory, which `open` alone would accept).
    private func withReadDescriptor<Result>(
        _ path: String, _ body: (Int32) throws(FileSystemError) -> Result
    ) throws(FileSystemError) -> Result {
        let descriptor = try LocalSyscalls.openDescriptor(path, O_RDONLY)
        defer { _ = close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LocalSyscalls.error(path: path) }
        if LocalSyscalls.attributes(of: info).kind == .directory { throw .isADirectory(path: path) }
        return try body(descriptor)
    }

    public func syncFile(at path: String) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        let descriptor = try LocalSyscalls.openDescriptor(path, O_RDONLY)
        defer { _ = close(descriptor) }
        try LocalSyscalls.syncDescriptor(descriptor, path: path)
    }

    public func createSymlink(at path: String, target: String) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        try FileSystemPath.validateSymlinkTarget(target, at: path)
        guard symlink(target, path) == 0 else { throw LocalSyscalls.error(path: path) }
    }

    public func readSymlink(at path: String) async throws(FileSystemError) -> String {
        let path = try FileSystemPath.normalize(path)
        var buffer = [UInt8](repeating: 0, count: FileSystemPath.lengthMax + 1)
        let length = buffer.withUnsafeMutableBytes { readlink(path, $0.baseAddress!, $0.count) }
        guard length >= 0 else {
            if errno == EINVAL { throw .invalidPath(path: path, reason: "not a symbolic link") }
            throw LocalSyscalls.error(path: path)
        }
        guard let target = String(validating: buffer[0..<length], as: UTF8.self) else {
            throw .invalidPath(path: path, reason: "the symlink target is not valid UTF-8")
        }
        return target
    }

    public func attributes(at path: String, followSymlinks: Bool) async throws(FileSystemError) -> FileAttributes {
        let path = try FileSystemPath.normalize(path)
        return LocalSyscalls.attributes(of: try LocalSyscalls.status(path, followSymlinks: followSymlinks))
    }

    public func setPermissions(at path: String, mode: UInt16) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let path = try FileSystemPath.normalize(path)
        guard chmod(path, mode_t(mode)) == 0 else { throw LocalSyscalls.error(path: path) }
    }

    public func removeItem(at path: String) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        guard path != "/" else { throw .invalidPath(path: path, reason: "the root cannot be removed") }
        let info = try LocalSyscalls.status(path, followSymlinks: false)
        try removeEntry(path, isDirectory: LocalSyscalls.attributes(of: info).kind == .directory)
    }

    /// One unlink or rmdir; rmdir's EEXIST (used by some systems for a non-empty directory) means ENOTEMPTY.
    func removeEntry(_ path: String, isDirectory: Bool) throws(FileSystemError) {
        guard (isDirectory ? rmdir(path) : unlink(path)) == 0 else {
            let code = errno
            if isDirectory, code == EEXIST { throw .directoryNotEmpty(path: path) }
            throw LocalSyscalls.error(code, path: path)
        }
    }

    public func rename(from source: String, to destination: String) async throws(FileSystemError) {
        let source = try FileSystemPath.normalize(source)
        let destination = try FileSystemPath.normalize(destination)
        guard source != "/" else { throw .invalidPath(path: source, reason: "the root cannot be renamed") }
        guard destination != "/" else { throw .invalidPath(path: destination, reason: "the root cannot be replaced") }
        guard let code = LocalSyscalls.renameEntry(source, destination) else { return }
        // rename(2) does not say which side failed; ask, so that errors name the same path as the simulation's.
        switch code {
        case ENOENT, ENOTDIR:
            let sourceExists = (try? LocalSyscalls.status(source, followSymlinks: false)) != nil
            throw LocalSyscalls.error(code, path: sourceExists ? destination : source)
        case EACCES, EPERM:
            let sourceParent = FileSystemPath.parent(of: source)
            throw .permissionDenied(path: access(sourceParent, W_OK | X_OK) == 0 ? destination : source)
        case EEXIST, ENOTEMPTY:
            throw .directoryNotEmpty(path: destination)
        case EINVAL:
            throw .invalidPath(path: destination, reason: "a directory cannot move into itself")
        default:
            throw LocalSyscalls.error(code, path: destination)
        }
    }

    public func listDirectory(at path: String) async throws(FileSystemError) -> [String] {
        let path = try FileSystemPath.normalize(path)
        let descriptor = try LocalSyscalls.openDescriptor(path, O_RDONLY | O_DIRECTORY)
        return try LocalSyscalls.names(inDirectory: descriptor, path: path, countMax: directoryEntryCountMax)
    }

    public func syncDirectory(at path: String) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        let descriptor = try LocalSyscalls.openDescriptor(path, O_RDONLY | O_DIRECTORY)
        defer { _ = close(descriptor) }
        try LocalSyscalls.syncDescriptor(descriptor, path: path)
    }
}
