/// Whether a set of partial reports is one sweep cut into shards, checked before anything is merged: a merge of
/// shards of different sweeps would write a report no single run could have written. The reasons name the files.
public enum ShardSetCheck {
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) {
            self.message = message
        }
    }

    /// The shards, sorted by index, or why they are not one sweep: a different kind, schema or tool version,
    /// scenario files (path or bytes), seed range or variant, shard count, or a shard missing or given twice.
    public static func check(
        _ shards: [(path: String, report: SweepShardReport)]
    ) -> Result<[(path: String, report: SweepShardReport)], Refusal> {
        guard let (firstPath, first) = shards.first else {
            return .failure(Refusal(message: "no partial report (shard-K-of-N.json) to merge"))
        }
        func refuse(_ path: String, _ what: String, _ mine: String, _ theirs: String) -> Refusal {
            Refusal(message: "\(path): \(what) \(theirs), but \(firstPath) has \(mine): shards of different sweeps")
        }
        for (path, report) in shards {
            guard report.kind == SweepShardReport.kindName else {
                return .failure(Refusal(message: "\(path): not a chaos-run partial report (kind '\(report.kind)')"))
            }
            guard report.schemaVersion == SweepShardReport.currentSchemaVersion else {
                return .failure(Refusal(message: "\(path): partial report schema \(report.schemaVersion), this "
                    + "tool reads \(SweepShardReport.currentSchemaVersion)"))
            }
            if report.toolVersion != first.toolVersion {
                return .failure(refuse(path, "was run by version", first.toolVersion, report.toolVersion))
            }
            if report.files != first.files {
                return .failure(refuse(path, "swept", describe(first.files), describe(report.files)))
            }
            if report.firstSeed != first.firstSeed || report.seeds != first.seeds {
                return .failure(refuse(path, "swept seeds", seeds(first), seeds(report)))
            }
            if report.variant != first.variant {
                return .failure(refuse(
                    path, "ran variant", first.variant?.rawValue ?? "every variant",
                    report.variant?.rawValue ?? "every variant"))
            }
            if report.shard.count != first.shard.count {
                return .failure(refuse(path, "is a shard of", "\(first.shard.count)", "\(report.shard.count)"))
            }
        }
        var byIndex: [Int: [String]] = [:]
        for (path, report) in shards { byIndex[report.shard.index, default: []].append(path) }
        if let doubled = byIndex.keys.sorted().first(where: { byIndex[$0]!.count > 1 }) {
            return .failure(Refusal(message: "shard \(doubled)/\(first.shard.count) is given twice: "
                + byIndex[doubled]!.joined(separator: " and ")))
        }
        let missing = (1...first.shard.count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let list = missing.prefix(10).map { "\($0)/\(first.shard.count)" }.joined(separator: ", ")
            return .failure(Refusal(message: "missing shard(s) \(list)\(missing.count > 10 ? ", …" : ""): "
                + "a merge needs all \(first.shard.count)"))
        }
        return .success(shards.sorted { $0.report.shard.index < $1.report.shard.index })
    }

    private static func describe(_ files: [SweepShardReport.FileDigest]) -> String {
        files.map { "\($0.path) (sha256 \($0.sha256.prefix(12))…)" }.joined(separator: ", ")
    }

    private static func seeds(_ report: SweepShardReport) -> String {
        "from \(report.firstSeed.map(String.init) ?? "each file's first seed"), "
            + (report.seeds.map { "\($0) per variant" } ?? "each file's own count")
    }
}
