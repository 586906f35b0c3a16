import ChaosCore
import ChaosNet

/// A CI cache's content as the cache-manager incident had it: a PostgreSQL data directory whose relation files hold
/// synthetic bytes (size plus a seed-derived stream, never materialised), plus a tablespace outside it that
/// `pgdata/pg_tblspc/<oid>` names by an absolute symlink.
///
/// Layout below the dataset's root: `pgdata/` (PG_VERSION, global/pg_control, base/1/<files>), `pgdata/pg_tblspc/
/// 16396` → `<root>/tablespace`, and `tablespace/PG_17_202406281/16397/<files>`; relation files are split between
/// `base/1` and the tablespace. File sizes vary by seed around the mean and add up to `totalBytes` exactly.
public struct CacheDataset: Sendable, Equatable {
    public var fileCount: Int
    public var totalBytes: Int
    /// Modes as the incident's: the data directory 0700, as PostgreSQL requires.
    public var dataDirectoryMode: UInt16 = 0o700

    public init(fileCount: Int, totalBytes: Int) {
        precondition(fileCount >= 4 && totalBytes >= fileCount, "a dataset needs at least 4 files of a byte each")
        self.fileCount = fileCount
        self.totalBytes = totalBytes
    }

    /// The incident's first workload: 19 GB in 1,844 files (about 10.3 MB each).
    public static let w1 = CacheDataset(fileCount: 1844, totalBytes: 19_000_000_000)
    /// The second: 9.9 GB in 1,376 files (about 7.2 MB each).
    public static let w2 = CacheDataset(fileCount: 1376, totalBytes: 9_900_000_000)

    /// The tablespace's OID, its version directory and the database OID inside it, as in the incident's error.
    public static let tablespaceOID = "16396"
    public static let versionDirectory = "PG_17_202406281"
    public static let databaseOID = "16397"
    /// A fixed modification time for every entry (2025-12-08 09:18 UTC), so that archives are reproducible.
    public static let modificationTime: Int64 = 1_765_185_480

    /// The sizes of the relation files, deterministic in `seed`.
    public func fileSizes(seed: UInt64) -> [Int] {
        let random = SeededRandom(seed: seed, name: "cache-dataset")
        // Weights in [0.5, 1.5): sizes within a factor of three of each other, as relation segments of one database.
        let weights = (0..<fileCount).map { _ in 0.5 + Double(random.next() >> 11) / Double(1 << 53) }
        let sum = weights.reduce(0, +)
        var sizes = weights.map { max(1, Int(Double(totalBytes) * $0 / sum)) }
        sizes[sizes.count - 1] += totalBytes - sizes.reduce(0, +)
        return sizes
    }

    /// Creates the dataset below `root` (which must not exist) on `fileSystem`; returns the bytes written.
    @discardableResult
    public func populate(on fileSystem: any FileSystem, at root: String, seed: UInt64) async throws(FileSystemError)
        -> Int
    {
        let pgdata = FileSystemPath.joining(root, "pgdata")
        let tablespace = FileSystemPath.joining(root, "tablespace")
        let spaceDatabase = tablespace + "/\(Self.versionDirectory)/\(Self.databaseOID)"
        try await fileSystem.createDirectory(at: root, mode: 0o755, withIntermediates: true)
        for directory in [pgdata, pgdata + "/global", pgdata + "/base", pgdata + "/base/1", pgdata + "/pg_tblspc"] {
            try await fileSystem.createDirectory(at: directory, mode: 0o700, withIntermediates: false)
        }
        try await fileSystem.createDirectory(at: spaceDatabase, mode: 0o700, withIntermediates: true)
        try await fileSystem.createSymlink(at: pgdata + "/pg_tblspc/\(Self.tablespaceOID)", target: tablespace)
        let sizes = fileSizes(seed: seed)
        var written = 0
        for (index, size) in sizes.enumerated() {
            let path: String = switch index {
            case 0: pgdata + "/PG_VERSION"
            case 1: pgdata + "/global/pg_control"
            case let n where n % 2 == 0: pgdata + "/base/1/\(16384 + n)"
            default: spaceDatabase + "/\(16384 + index)"
            }
            let handle = try await fileSystem.openForWriting(at: path, mode: 0o600, disposition: .exclusive)
            try await handle.append(content: FileContent(SyntheticBytes(seed: seed &+ UInt64(index), count: size)))
            try await handle.close()
            try await fileSystem.setModificationTime(at: path, seconds: Self.modificationTime)
            written += size
        }
        for directory in [spaceDatabase, tablespace + "/\(Self.versionDirectory)", tablespace, pgdata + "/base/1",
                          pgdata + "/base", pgdata + "/global", pgdata + "/pg_tblspc", pgdata, root] {
            try await fileSystem.setModificationTime(at: directory, seconds: Self.modificationTime)
        }
        try await fileSystem.setPermissions(at: pgdata, mode: dataDirectoryMode)
        return written
    }
}
