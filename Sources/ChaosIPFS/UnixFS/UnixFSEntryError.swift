/// Why a directory entry or a symlink was rejected.
public enum UnixFSEntryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The entry name is empty.
    case emptyName
    /// The entry name is `.` or `..`, or contains `/` or NUL, none of which a path component may be.
    case invalidName(String)
    /// The entry name is longer than the limit in UTF-8 bytes.
    case nameTooLong(String, byteCount: Int, byteCountMax: Int)
    /// Another entry already has exactly these name bytes.
    case duplicateName(String)
    /// Adding the entry would make the directory block larger than the limit; sharding is not implemented.
    case directoryTooLarge(entryCount: Int, blockSizeMax: Int)
    /// The symlink target is empty.
    case emptySymlinkTarget
    /// The symlink target is longer than the limit in UTF-8 bytes.
    case symlinkTargetTooLong(byteCount: Int, byteCountMax: Int)

    /// A sentence that says what was wrong and what is accepted.
    public var description: String {
        switch self {
        case .emptyName:
            return "directory entry name is empty"
        case .invalidName(let name):
            return "directory entry name \"\(name)\" is not a single path component (no '/', NUL, '.' or '..')"
        case .nameTooLong(let name, let byteCount, let byteCountMax):
            return "directory entry name \"\(name.prefix(32))…\" is \(byteCount) bytes, more than \(byteCountMax)"
        case .duplicateName(let name):
            return "directory already has an entry named \"\(name)\""
        case .directoryTooLarge(let entryCount, let blockSizeMax):
            return "directory with \(entryCount) entries would exceed the \(blockSizeMax)-byte block limit;"
                + " sharded directories are not supported"
        case .emptySymlinkTarget:
            return "symlink target is empty"
        case .symlinkTargetTooLong(let byteCount, let byteCountMax):
            return "symlink target is \(byteCount) bytes, more than \(byteCountMax)"
        }
    }
}
