import ChaosComponents

/// Reads `workload.downloader:` into a `DownloaderConfig` and its `DownloadRetryPolicy`.
enum DownloaderConfigDecoder {
    static let keys = [
        "naive_read_timeout", "attempts", "backoff_base", "backoff_cap", "jitter", "retry_after_max",
        "connect_timeout", "read_timeout", "total_timeout",
    ]

    /// Keys left out keep `DownloadRetryPolicy()`'s values; the policy's preconditions are checked first.
    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> DownloaderConfig {
        let defaults = DownloaderConfig()
        guard let node else { return defaults }
        let mapping = try node.mapping("downloader", allowedKeys: keys)
        var policy = defaults.policy
        let naiveReadTimeout = try mapping.value("naive_read_timeout")?.positiveDuration() ?? defaults.naiveReadTimeout
        policy.attemptCountMax = try mapping.value("attempts")?.integer(in: 1...1_000) ?? policy.attemptCountMax
        policy.backoffBase = try mapping.value("backoff_base")?.duration() ?? policy.backoffBase
        policy.backoffCap = try mapping.value("backoff_cap")?.duration() ?? policy.backoffCap
        policy.jitterMax = try mapping.value("jitter")?.duration() ?? policy.jitterMax
        policy.retryAfterMax = try mapping.value("retry_after_max")?.duration() ?? policy.retryAfterMax
        policy.connectTimeout = try mapping.value("connect_timeout")?.positiveDuration() ?? policy.connectTimeout
        policy.readIdleTimeout = try mapping.value("read_timeout")?.positiveDuration() ?? policy.readIdleTimeout
        policy.totalTimeout = try mapping.value("total_timeout")?.positiveDuration() ?? policy.totalTimeout
        guard policy.backoffCap >= policy.backoffBase else {
            let node = mapping.value("backoff_cap") ?? mapping.value("backoff_base") ?? mapping.node
            throw node.error("'backoff_cap' (\(DurationText.format(policy.backoffCap))) must not be shorter than "
                + "'backoff_base' (\(DurationText.format(policy.backoffBase)))")
        }
        let checkedPolicy = DownloadRetryPolicy(
            attemptCountMax: policy.attemptCountMax, backoffBase: policy.backoffBase, backoffCap: policy.backoffCap,
            jitterMax: policy.jitterMax, retryAfterMax: policy.retryAfterMax, connectTimeout: policy.connectTimeout,
            readIdleTimeout: policy.readIdleTimeout, totalTimeout: policy.totalTimeout)
        return DownloaderConfig(naiveReadTimeout: naiveReadTimeout, policy: checkedPolicy)
    }
}
