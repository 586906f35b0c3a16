import ChaosCore

/// What the download queue's shell can fail with besides the file system's own errors.
public enum DownloadQueueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The hash is empty, too long, or holds a character that cannot be a file name or a store field.
    case invalidHash(String)
    /// The persisted queue cannot be read back; never silently dropped, since that would lose entries.
    case corruptStore(path: String, line: Int, reason: String)
    /// The file system failed while persisting, reading the store, or writing a claim.
    case storage(FileSystemError)
    /// The calling task was cancelled (the process is stopping) between two file system steps of a write.
    case stopped

    public var description: String {
        switch self {
        case let .invalidHash(hash):
            "invalid IPFS hash \"\(hash)\": expected 1 to \(DownloadQueueCodec.hashLengthMax) characters among "
                + "letters, digits, '-' and '_'"
        case let .corruptStore(path, line, reason): "corrupt download queue \(path), line \(line): \(reason)"
        case let .storage(error): "download queue storage failed: \(error)"
        case .stopped: "download queue stopped during a write"
        }
    }
}
