/// The shape of a generated package: how many files, how many bytes in all, how deep the directories go.
///
/// Scenarios describe "a 4 MiB, 40-file package" with one of these; `IPFSPackageGenerator` turns it and a seeded
/// random stream into a concrete tree.
public struct IPFSPackageSpec: Hashable, Sendable {
    /// The most files a package may have.
    public static let fileCountMax = 100_000
    /// The most file bytes a package may have: 1 GiB.
    public static let byteCountMax = 1 << 30
    /// The deepest directory nesting below the root.
    public static let depthMaxLimit = 16

    /// The number of regular files, at least 1.
    public var fileCount: Int
    /// The total bytes over all files; each file gets a random share (some may be empty).
    public var byteCount: Int
    /// The most directory levels above a file, below the root: 0 puts every file in the root.
    public var depthMax: Int
    /// Symlinks in the root directory, each pointing at one of the files.
    public var symlinkCount: Int
    /// How the package is imported; Kubo's defaults unless given.
    public var options: UnixFSImportOptions

    /// Describes a package; out-of-range values are programmer errors in the scenario's setup code.
    public init(
        fileCount: Int, byteCount: Int, depthMax: Int = 2, symlinkCount: Int = 0,
        options: UnixFSImportOptions = UnixFSImportOptions()
    ) {
        precondition((1...Self.fileCountMax).contains(fileCount), "fileCount must be in 1...\(Self.fileCountMax)")
        precondition((0...Self.byteCountMax).contains(byteCount), "byteCount must be in 0...\(Self.byteCountMax)")
        precondition((0...Self.depthMaxLimit).contains(depthMax), "depthMax must be in 0...\(Self.depthMaxLimit)")
        precondition((0...fileCount).contains(symlinkCount), "symlinkCount must be in 0...fileCount")
        self.fileCount = fileCount
        self.byteCount = byteCount
        self.depthMax = depthMax
        self.symlinkCount = symlinkCount
        self.options = options
    }
}
