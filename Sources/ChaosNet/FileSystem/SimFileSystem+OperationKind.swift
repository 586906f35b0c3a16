extension SimFileSystem {
    /// The operations an `operationError` fault can target. A call may pass several checkpoints: `writeFile` is an
    /// `openForWriting` followed by a `write`, so a rule on `write` leaves the file created (or truncated) but empty.
    public enum OperationKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case createDirectory
        /// Opening (creating or truncating) a file for writing, by `writeFile` or `openForWriting`.
        case openForWriting
        /// Data written by `writeFile` or a handle's `append`.
        case write
        case read
        /// An fsync of a file, by a handle's `sync()` or `syncFile(at:)`.
        case sync
        /// A handle's `close()`; the handle is closed even when it fails, as with `close(2)`.
        case close
        case createSymlink
        case readSymlink
        case attributes
        case setPermissions
        case setModificationTime
        /// Each unlink or rmdir, including every entry removed by `removeTree`.
        case remove
        case rename
        case listDirectory
        case syncDirectory

        public var description: String { rawValue }
    }
}
