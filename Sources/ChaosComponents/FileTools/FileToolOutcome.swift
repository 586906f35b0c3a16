/// How a tool run ended when it ran to its end: its exit status and the lines it printed on standard error.
public struct FileToolOutcome: Sendable, Equatable {
    /// 0 on success; otherwise the tool's own code (1 for cp, chmod and ls; 2 for tar; 23 for a partial rsync).
    public var exitStatus: Int32
    public var diagnostics: [String]
    /// For `tar` on an archive file: the archive's size and content digest (`FileContent.digest`), computed as the
    /// stream passes, so that a cache can record what it wrote and verify what it reads without a second pass.
    public var archive: ArchiveSummary?

    /// The size and digest of a whole archive stream.
    public struct ArchiveSummary: Sendable, Equatable {
        public var bytes: Int
        public var digest: UInt64

        public init(bytes: Int, digest: UInt64) {
            self.bytes = bytes
            self.digest = digest
        }
    }

    public init(exitStatus: Int32 = 0, diagnostics: [String] = [], archive: ArchiveSummary? = nil) {
        self.exitStatus = exitStatus
        self.diagnostics = diagnostics
        self.archive = archive
    }

    public var succeeded: Bool { exitStatus == 0 }
}
