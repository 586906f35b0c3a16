/// The metadata of one entry, as `stat`/`lstat` would report it, reduced to what behaves the same on every platform.
public struct FileAttributes: Sendable, Equatable {
    public var kind: FileKind
    /// Bytes of content for a file, bytes of the target path for a symlink, and 0 for a directory (real file systems
    /// report block sizes for directories, which differ between platforms and would make snapshots unstable).
    public var size: Int
    /// The permission bits (`0o7777` at most).
    public var mode: UInt16
    /// The last modification time in whole seconds since the Unix epoch, as `cp -a` and `tar` preserve it.
    public var modificationTime: Int64
    /// The owning user and group, as `ls -n` shows them.
    public var ownerID: UInt32
    public var groupID: UInt32

    public init(
        kind: FileKind, size: Int, mode: UInt16, modificationTime: Int64 = 0, ownerID: UInt32 = 0, groupID: UInt32 = 0
    ) {
        self.kind = kind
        self.size = size
        self.mode = mode
        self.modificationTime = modificationTime
        self.ownerID = ownerID
        self.groupID = groupID
    }
}
