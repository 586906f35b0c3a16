/// What the robust manager records beside an archive, so that a reader can verify it and remap its tablespaces:
/// a small text file of `key value` lines.
struct CacheManifest: Sendable, Equatable {
    /// The first line, naming the format.
    static let header = "chaosnet-cache-manifest 1"

    /// The directory the tree was saved from: absolute symlinks into it are remapped to the restore directory.
    var sourceRoot: String
    var archiveBytes: Int
    var archiveDigest: UInt64

    var text: String {
        """
        \(Self.header)
        source_root \(sourceRoot)
        archive_bytes \(archiveBytes)
        archive_digest \(String(archiveDigest, radix: 16))

        """
    }

    /// Parses a manifest; nil if it is not one (a reader then treats the archive as unverifiable).
    init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == Substring(Self.header) else { return nil }
        var fields: [Substring: Substring] = [:]
        for line in lines.dropFirst() {
            guard let space = line.firstIndex(of: " ") else { return nil }
            fields[line[..<space]] = line[line.index(after: space)...]
        }
        guard let root = fields["source_root"], root.hasPrefix("/"),
            let bytes = fields["archive_bytes"].flatMap({ Int($0) }), bytes >= 0,
            let digest = fields["archive_digest"].flatMap({ UInt64($0, radix: 16) })
        else { return nil }
        self.init(sourceRoot: String(root), archiveBytes: bytes, archiveDigest: digest)
    }

    init(sourceRoot: String, archiveBytes: Int, archiveDigest: UInt64) {
        self.sourceRoot = sourceRoot
        self.archiveBytes = archiveBytes
        self.archiveDigest = archiveDigest
    }
}
