/// One archive member: a file, a directory or a symbolic link, described the way Kubo's `get` writes it.
///
/// The kind-specific fields (`size`, `linkTarget`) can only be set through the factory functions, so an
/// entry is always self-consistent: directories and symlinks have size 0, only symlinks have a target.
/// Owner fields are not modelled: the writer always emits uid/gid 0 with empty user and group names,
/// and the reader ignores whatever an archive carries there.
public struct TarEntry: Hashable, Sendable {
    /// The three member kinds ChaosNet produces and accepts.
    public enum Kind: Hashable, Sendable {
        case file
        case directory
        case symlink
    }

    /// The member's path inside the archive, exactly as stored (no normalisation; see `TarPathSafety`).
    public var path: String
    /// Permission bits, at most `0o7777`.
    public var mode: UInt32 {
        didSet { precondition(mode <= TarEntry.modeMax, "tar mode \(mode) exceeds 0o7777") }
    }
    /// Modification time in whole seconds since the Unix epoch.
    public var mtime: UInt64
    /// Whether this is a file, a directory or a symlink.
    public private(set) var kind: Kind
    /// Content length in bytes; always 0 for directories and symlinks.
    public private(set) var size: UInt64
    /// Target of a symlink; always empty for files and directories.
    public private(set) var linkTarget: String

    /// The largest permission value a tar mode carries once file-type bits are stripped.
    public static let modeMax: UInt32 = 0o7777

    private init(path: String, kind: Kind, mode: UInt32, mtime: UInt64, size: UInt64, linkTarget: String) {
        precondition(mode <= TarEntry.modeMax, "tar mode \(mode) exceeds 0o7777")
        self.path = path
        self.kind = kind
        self.mode = mode
        self.mtime = mtime
        self.size = size
        self.linkTarget = linkTarget
    }

    /// A regular file whose `size` content bytes follow its header.
    public static func file(_ path: String, size: UInt64, mode: UInt32 = 0o644, mtime: UInt64 = 0) -> TarEntry {
        TarEntry(path: path, kind: .file, mode: mode, mtime: mtime, size: size, linkTarget: "")
    }

    /// A directory, which carries no content.
    public static func directory(_ path: String, mode: UInt32 = 0o755, mtime: UInt64 = 0) -> TarEntry {
        TarEntry(path: path, kind: .directory, mode: mode, mtime: mtime, size: 0, linkTarget: "")
    }

    /// A symbolic link pointing at `target`, which carries no content.
    public static func symlink(_ path: String, target: String, mode: UInt32 = 0o777, mtime: UInt64 = 0) -> TarEntry {
        TarEntry(path: path, kind: .symlink, mode: mode, mtime: mtime, size: 0, linkTarget: target)
    }
}
