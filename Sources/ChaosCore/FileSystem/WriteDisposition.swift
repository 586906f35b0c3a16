/// What writing to a path does when a file already exists there (the `O_EXCL`, `O_TRUNC` and `O_APPEND` choices).
public enum WriteDisposition: Sendable, Equatable, Hashable {
    /// Creates a new file; fails with `alreadyExists` if anything, even a dangling symlink, is at the path.
    case exclusive
    /// Creates the file or truncates an existing one (following a final symlink, as `open(2)` does).
    case overwrite
    /// Creates the file or appends to an existing one (following a final symlink).
    case append
}
