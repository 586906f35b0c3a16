/// What a file system operation can fail with: the operating errors of POSIX, typed so that callers can classify
/// them (transient or not) without parsing messages.
///
/// The simulated and the real file system map their failures to the same cases, so a component's error handling is
/// exercised identically by both.
public enum FileSystemError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path, or one of its parent directories is missing (ENOENT).
    case notFound(path: String)
    /// Something already exists where a new item was to be created (EEXIST).
    case alreadyExists(path: String)
    /// A component used as a directory is not one (ENOTDIR).
    case notADirectory(path: String)
    /// The operation needs a non-directory but found a directory (EISDIR).
    case isADirectory(path: String)
    /// The directory to remove or to replace still has entries (ENOTEMPTY).
    case directoryNotEmpty(path: String)
    /// The device is full: `needed` bytes were asked for, `available` were free (ENOSPC).
    case noSpace(path: String, needed: Int, available: Int)
    /// A permission bit forbids the operation (EACCES, EPERM).
    case permissionDenied(path: String)
    /// Resolving the path met more symbolic links than the limit, usually a loop (ELOOP).
    case tooManySymlinks(path: String)
    /// The path itself is unusable: relative, too long, containing NUL, or naming the root where an entry is needed
    /// (EINVAL, ENAMETOOLONG).
    case invalidPath(path: String, reason: String)
    /// The file system refuses every modification (EROFS).
    case readOnlyFileSystem
    /// The device failed, or the operation was interrupted by a crash (EIO and anything unmapped).
    case ioError(path: String, message: String)

    /// The POSIX errno name that best matches the case, as printed in descriptions and reports.
    public var errnoName: String {
        switch self {
        case .notFound: "ENOENT"
        case .alreadyExists: "EEXIST"
        case .notADirectory: "ENOTDIR"
        case .isADirectory: "EISDIR"
        case .directoryNotEmpty: "ENOTEMPTY"
        case .noSpace: "ENOSPC"
        case .permissionDenied: "EACCES"
        case .tooManySymlinks: "ELOOP"
        case .invalidPath: "EINVAL"
        case .readOnlyFileSystem: "EROFS"
        case .ioError: "EIO"
        }
    }

    /// Whether retrying the same operation later can succeed without anyone fixing the tree or the configuration.
    ///
    /// An I/O error is often a passing device or network hiccup (NFS), and a full device can be drained by other
    /// processes' cleanup, so both are transient. Every other case describes the state of the tree or of the caller's
    /// request, which a plain retry does not change.
    public var isTransient: Bool {
        switch self {
        case .ioError, .noSpace: true
        case .notFound, .alreadyExists, .notADirectory, .isADirectory, .directoryNotEmpty, .permissionDenied,
            .tooManySymlinks, .invalidPath, .readOnlyFileSystem:
            false
        }
    }

    /// The path the error is about, if it names one.
    public var path: String? {
        switch self {
        case let .notFound(path), let .alreadyExists(path), let .notADirectory(path), let .isADirectory(path),
            let .directoryNotEmpty(path), let .permissionDenied(path), let .tooManySymlinks(path):
            path
        case let .noSpace(path, _, _), let .invalidPath(path, _), let .ioError(path, _): path
        case .readOnlyFileSystem: nil
        }
    }

    public var description: String {
        switch self {
        case let .notFound(path): "ENOENT: no such file or directory: \(path)"
        case let .alreadyExists(path): "EEXIST: file exists: \(path)"
        case let .notADirectory(path): "ENOTDIR: not a directory: \(path)"
        case let .isADirectory(path): "EISDIR: is a directory: \(path)"
        case let .directoryNotEmpty(path): "ENOTEMPTY: directory not empty: \(path)"
        case let .noSpace(path, needed, available):
            "ENOSPC: no space left on device: \(path) (needed \(needed) bytes, \(available) available)"
        case let .permissionDenied(path): "EACCES: permission denied: \(path)"
        case let .tooManySymlinks(path): "ELOOP: too many levels of symbolic links: \(path)"
        case let .invalidPath(path, reason): "EINVAL: invalid path \(path): \(reason)"
        case .readOnlyFileSystem: "EROFS: read-only file system"
        case let .ioError(path, message): "EIO: input/output error: \(path): \(message)"
        }
    }
}

extension FileSystemError: NamedError {
    /// One name for every file-system error: which one it was, and where, belongs in the detail.
    public var causeName: String { "file_system" }
}
