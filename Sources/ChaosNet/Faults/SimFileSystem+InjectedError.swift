extension SimFileSystem {
    /// The error an `operationError` fault makes an operation throw, completed with the operation's path when it fires.
    public enum InjectedError: Sendable, Equatable {
        /// ENOSPC, with the bytes the operation asked for and the space actually free.
        case noSpace
        /// EIO with a message (e.g. "NFS server not responding").
        case ioError(message: String)
        /// EACCES.
        case permissionDenied
        /// ENOENT, as when another process removed the entry.
        case notFound
        /// EROFS, as after a remount on errors.
        case readOnlyFileSystem
        /// Exactly this error, path included.
        case exactly(FileSystemError)

        func error(path: String, needed: Int, available: Int) -> FileSystemError {
            switch self {
            case .noSpace: .noSpace(path: path, needed: needed, available: available)
            case let .ioError(message): .ioError(path: path, message: message)
            case .permissionDenied: .permissionDenied(path: path)
            case .notFound: .notFound(path: path)
            case .readOnlyFileSystem: .readOnlyFileSystem
            case let .exactly(error): error
            }
        }
    }
}
