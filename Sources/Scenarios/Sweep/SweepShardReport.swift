import Crypto
import Foundation

/// A shard's partial report (`shard-K-of-N.json`): what its slice of a sweep measured, and everything `merge` needs
/// to check that the shards it adds up belong to one sweep — the same tool, the same scenario files byte for byte,
/// the same seed range and variant, and every shard from 1 to N exactly once.
public struct SweepShardReport: Codable, Sendable, Equatable {
    /// `chaos-run-shard`: tells a partial report from any other JSON file.
    public var kind: String
    public var schemaVersion: Int
    /// The version of the tool that ran the shard; shards of different versions may measure differently.
    public var toolVersion: String
    public var shard: SweepShard
    /// The command's options that choose the seeds: `--first-seed` and `--seeds` (nil: each file's own), `--variant`.
    public var firstSeed: UInt64?
    public var seeds: Int?
    public var variant: VariantName?
    /// The scenario files in the order given, with the SHA-256 of their bytes.
    public var files: [FileDigest]
    /// One entry per target variant, in file then variant order.
    public var variants: [VariantSweepData]
    /// The shard stopped early (Ctrl-C): its slice is incomplete, and so is the merged sweep.
    public var interrupted: Bool

    public static let kindName = "chaos-run-shard"
    public static let currentSchemaVersion = 1

    public init(
        toolVersion: String, shard: SweepShard, firstSeed: UInt64?, seeds: Int?, variant: VariantName?,
        files: [FileDigest], variants: [VariantSweepData], interrupted: Bool
    ) {
        kind = Self.kindName
        schemaVersion = Self.currentSchemaVersion
        self.toolVersion = toolVersion
        self.shard = shard
        self.firstSeed = firstSeed
        self.seeds = seeds
        self.variant = variant
        self.files = files
        self.variants = variants
        self.interrupted = interrupted
    }

    /// A scenario file as a shard read it.
    public struct FileDigest: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }

        /// The digest of the file at `path` now; nil when it cannot be read.
        public static func of(path: String) -> FileDigest? {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            return FileDigest(path: path, sha256: hash)
        }
    }

    /// `shard-K-of-N.json`.
    public var fileName: String { "shard-\(shard.index)-of-\(shard.count).json" }

    enum CodingKeys: String, CodingKey {
        case kind, shard, seeds, variant, files, variants, interrupted
        case schemaVersion = "schema_version"
        case toolVersion = "tool_version"
        case firstSeed = "first_seed"
    }

    /// Sorted keys, so that two shards that measured the same write the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
