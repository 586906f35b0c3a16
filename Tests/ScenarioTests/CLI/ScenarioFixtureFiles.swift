import Foundation

/// Small scenario files written to a fresh temporary directory, for CLI tests that need fast sweeps.
struct ScenarioFixtureFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chaos-run-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A small download with one scripted fault window: seeds that start inside the window see a cut tarball.
    /// Expectations are loose unless `robustMax` is given; `rerunTarget` sets the policy's target residual.
    static func smallDownload(
        name: String = "small-download", robustMax: String = "100%", seeds: Int = 12, rerunTarget: String = "0.1%"
    ) -> String {
        """
        name: \(name)
        description: A small download with resets in a scripted window.
        seeds: \(seeds)
        time_limit: 10m
        topology:
          registry:
            packages:
              - {name: tiny, files: 4, size: 64KiB, depth: 1}
        links:
          - {between: [service, registry], latency: 5ms, bandwidth: 1MiB/s}
        faults:
          - name: resets
            kind: reset_peer
            after: 20ms
            target: {service: "registry:5001"}
            toxicity: 50%
            activity: {episodes: {mean_gap: 20s, mean_duration: 20s}}
        workload:
          component: service-manager
          start_jitter: 30s
          downloader: {attempts: 2, backoff_base: 1s, backoff_cap: 2s}
        expectations:
          robust: {max_failure_rate: \(robustMax)}
        rerun:
          delays: [0s, 30s]
          target: \(rerunTarget)
        """
    }
}
