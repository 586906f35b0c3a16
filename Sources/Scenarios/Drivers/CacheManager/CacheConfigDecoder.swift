import ChaosComponents
import ChaosNet

/// Reads `workload.cache:` into a `CacheConfig`; every key is optional, and a value out of range is refused with its
/// line and column.
enum CacheConfigDecoder {
    static let keys = [
        "dataset", "job_timeout", "replay", "after_script", "hdd_server_fraction", "same_runner_fraction",
        "kill_during_put", "legacy_cache_fraction", "block_log_dir", "budget_rate", "budget_margin",
    ]

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> CacheConfig {
        var config = CacheConfig()
        guard let node else { return config }
        let mapping = try node.mapping("cache", allowedKeys: keys)
        if let dataset = mapping.value("dataset") { config.dataset = try decodeDataset(dataset) }
        if let timeout = mapping.value("job_timeout") { config.jobTimeout = try timeout.positiveDuration() }
        if let replay = mapping.value("replay") {
            let fields = try replay.mapping("replay", allowedKeys: ["mean", "sd"])
            config.replayMean = try fields.required("mean").duration()
            config.replayDeviation = try fields.value("sd")?.duration() ?? .zero
        }
        if let after = mapping.value("after_script") { config.afterScript = try after.duration() }
        if let fraction = mapping.value("hdd_server_fraction") { config.hddServerFraction = try fraction.probability() }
        if let fraction = mapping.value("same_runner_fraction") {
            config.sameRunnerFraction = try fraction.probability()
        }
        if let kill = mapping.value("kill_during_put") {
            let fields = try kill.mapping("kill_during_put", allowedKeys: ["fraction", "within"])
            config.killDuringPutFraction = try fields.required("fraction").probability()
            config.killWindow = try fields.value("within")?.positiveDuration() ?? config.killWindow
        }
        if let fraction = mapping.value("legacy_cache_fraction") {
            config.legacyCacheFraction = try fraction.probability()
        }
        if let directory = mapping.value("block_log_dir") {
            let path = try directory.string()
            guard path.hasPrefix("/"), let normal = try? FileSystemPath.normalize(path), normal == path else {
                throw directory.error("expected an absolute, normalised path for 'block_log_dir', got '\(path)'")
            }
            config.blockLogDirectory = path
        }
        if let rate = mapping.value("budget_rate") {
            config.settings.estimatedArchiveBytesPerSecond = try rate.byteSize(in: 1...(1 << 40))
        }
        if let margin = mapping.value("budget_margin") { config.settings.budgetMargin = try margin.duration() }
        return config
    }

    /// `w1`, `w2`, or `{files: N, size: S}`.
    static func decodeDataset(_ node: LocatedNode) throws(ScenarioFileError) -> CacheDataset {
        if let name = try? node.scalarText(expected: "w1, w2 or {files, size}") {
            switch name {
            case "w1": return .w1
            case "w2": return .w2
            default: throw node.error("expected w1, w2 or {files: N, size: S} for 'dataset', got '\(name)'")
            }
        }
        let fields = try node.mapping("dataset", allowedKeys: ["files", "size"])
        let files = try fields.required("files").integer(in: 4...1_000_000)
        let size = try fields.required("size").byteSize(in: files...(1 << 50))
        return CacheDataset(fileCount: files, totalBytes: size)
    }
}
