#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls behind `LocalFileSystem`, each returning or throwing `FileSystemError`.
enum LocalSyscalls {
    /// The file type bits of `st_mode` (spelled out: the `S_IF*` macros are not imported on every platform).
    static let typeMask: UInt32 = 0o170000
    static let typeDirectory: UInt32 = 0o040000
    static let typeFile: UInt32 = 0o100000
    static let typeSymlink: UInt32 = 0o120000

    /// Maps the current `errno` (or `code`) of a call about `path` to the shared error cases.
    static func error(_ code: Int32 = errno, path: String, needed: Int = 0) -> FileSystemError {
        switch code {
        case ENOENT: return .notFound(path: path)
        case EEXIST: return .alreadyExists(path: path)
        case ENOTDIR: return .notADirectory(path: path)
        case EISDIR: return .isADirectory(path: path)
        case ENOTEMPTY: return .directoryNotEmpty(path: path)
        case ENOSPC, EDQUOT: return .noSpace(path: path, needed: needed, available: availableBytes(near: path))
        case EACCES, EPERM: return .permissionDenied(path: path)
        case ELOOP: return .tooManySymlinks(path: path)
        case ENAMETOOLONG, EINVAL: return .invalidPath(path: path, reason: message(code))
        case EROFS: return .readOnlyFileSystem
        default: return .ioError(path: path, message: message(code))
        }
    }

    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Free bytes for an unprivileged user on the device holding `path` (or its parent), 0 if unknown.
    static func availableBytes(near path: String) -> Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 || statvfs(FileSystemPath.parent(of: path), &info) == 0 else { return 0 }
        let (product, overflow) = Int(info.f_bavail).multipliedReportingOverflow(by: Int(info.f_frsize))
        return overflow ? .max : product
    }

    /// `stat` or `lstat`.
    static func status(_ path: String, followSymlinks: Bool) throws(FileSystemError) -> stat {
        var info = stat()
        let result = followSymlinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { throw error(path: path) }
        return info
    }

    static func attributes(of info: stat) -> FileAttributes {
        let mode = UInt16(truncatingIfNeeded: UInt32(info.st_mode) & 0o7777)
        #if canImport(Darwin)
        let mtime = Int64(info.st_mtimespec.tv_sec)
        #else
        let mtime = Int64(info.st_mtim.tv_sec)
        #endif
        let (kind, size): (FileKind, Int) = switch UInt32(info.st_mode) & typeMask {
        case typeFile: (.file, Int(info.st_size))
        case typeDirectory: (.directory, 0)
        case typeSymlink: (.symlink, Int(info.st_size))
        default: (.other, 0)
        }
        return FileAttributes(
            kind: kind, size: size, mode: mode, modificationTime: mtime, ownerID: UInt32(info.st_uid),
            groupID: UInt32(info.st_gid))
    }

    /// `open(2)`, retried on EINTR.
    static func openDescriptor(_ path: String, _ flags: Int32, mode: UInt16 = 0) throws(FileSystemError) -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode_t(mode))
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw error(path: path) }
        }
    }

    /// Closes `descriptor`; EINTR counts as closed, as on Linux the descriptor is released anyway.
    static func closeDescriptor(_ descriptor: Int32, path: String) throws(FileSystemError) {
        if close(descriptor) != 0, errno != EINTR { throw error(path: path) }
    }

    /// `rename(2)`; returns the errno on failure.
    static func renameEntry(_ source: String, _ destination: String) -> Int32? {
        rename(source, destination) == 0 ? nil : errno
    }

    static func syncDescriptor(_ descriptor: Int32, path: String) throws(FileSystemError) {
        if fsync(descriptor) != 0 { throw error(path: path) }
    }

    /// Writes all of `bytes`, looping over short writes; on ENOSPC what was written stays, as in `SimFileSystem`.
    static func writeAll(_ descriptor: Int32, _ bytes: some Collection<UInt8>, path: String) throws(FileSystemError) {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            writeAll(descriptor, UnsafeRawBufferPointer(buffer), path: path)
        }
        if let result { return try result.get() }
        try Array(bytes).withUnsafeBytes { buffer in writeAll(descriptor, buffer, path: path) }.get()
    }

    private static func writeAll(
        _ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, path: String
    ) -> Result<Void, FileSystemError> {
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return .failure(error(path: path, needed: buffer.count - offset))
            }
            offset += written
        }
        return .success(())
    }

    /// Up to `count` bytes from `offset` (to the end of the file when `count` is nil).
    static func readBytes(
        _ descriptor: Int32, offset: Int, count: Int?, path: String
    ) throws(FileSystemError) -> [UInt8] {
        var result: [UInt8] = []
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while count.map({ result.count < $0 }) ?? true {
            let wanted = min(chunkSize, count.map { $0 - result.count } ?? chunkSize)
            let position = off_t(offset + result.count)
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, position) }
            if got < 0 {
                if errno == EINTR { continue }
                throw error(path: path)
            }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
        }
        return result
    }

    /// The names in the directory open as `descriptor`, which this call takes over and closes; sorted by bytes,
    /// without `.` and `..`.
    static func names(
        inDirectory descriptor: Int32, path: String, countMax: Int
    ) throws(FileSystemError) -> [String] {
        guard let stream = fdopendir(descriptor) else {
            let failure = error(path: path)
            _ = close(descriptor)
            throw failure
        }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw error(path: path) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingCString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let name else { throw .invalidPath(path: path, reason: "an entry name is not valid UTF-8") }
            if name == "." || name == ".." { continue }
            guard names.count < countMax else {
                throw .ioError(path: path, message: "more than \(countMax) entries")
            }
            names.append(name)
        }
        return names.sorted(by: FileSystemPath.precedesByBytes)
    }
}
