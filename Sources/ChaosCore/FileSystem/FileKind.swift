/// What a directory entry is. Hard links are not modelled: every file has exactly one name.
public enum FileKind: Sendable, Equatable, Hashable, CustomStringConvertible {
    case file
    case directory
    case symlink
    /// A FIFO, socket or device found on a real disk; `SimFileSystem` never produces it.
    case other

    public var description: String {
        switch self {
        case .file: "file"
        case .directory: "directory"
        case .symlink: "symlink"
        case .other: "other"
        }
    }
}
