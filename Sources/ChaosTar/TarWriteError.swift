/// Why the writer refused a call; each is something the caller's input data can cause.
///
/// Content length mismatches are typed errors rather than preconditions because the caller usually
/// streams content from a DAG whose declared size may disagree with its blocks when the data is
/// corrupt. The writer's state is unchanged by a refused call.
public enum TarWriteError: Error, Hashable, Sendable {
    /// A path or link target cannot be stored: it is empty or contains a NUL byte.
    case unrepresentablePath(String, reason: String)
    /// More content was offered than the current file declared.
    case contentExceedsSize(path: String, size: UInt64, offered: UInt64)
    /// A new header or the end was requested before the current file's content was complete.
    case contentIncomplete(path: String, size: UInt64, written: UInt64)
    /// Content was offered while no file was open.
    case noOpenFile
}

extension TarWriteError: CustomStringConvertible {
    /// A one-line message that says what was refused and why.
    public var description: String {
        switch self {
        case .unrepresentablePath(let path, let reason):
            return "cannot store path \"\(path)\" in tar: \(reason)"
        case .contentExceedsSize(let path, let size, let offered):
            return "content of \"\(path)\" exceeds its declared size \(size): \(offered) bytes offered"
        case .contentIncomplete(let path, let size, let written):
            return "content of \"\(path)\" is incomplete: declared \(size) bytes, written \(written)"
        case .noOpenFile:
            return "content offered while no file entry is open"
        }
    }
}
