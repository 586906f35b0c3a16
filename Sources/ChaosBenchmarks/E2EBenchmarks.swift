import ChaosComponents
import ChaosNet

/// The end-to-end benchmark workloads behind `chaos-run bench e2e`.
public enum E2EBenchmarks {
    public struct CIDResult: Sendable {
        public var bytes: Int
        public var cid: String
        public var wallSeconds: Double
        public var mebibytesPerSecond: Double { Double(bytes) / 1_048_576 / wallSeconds }
    }

    /// The CID of `byteCount` bytes of pseudo-random content with Kubo's default options, timed over the import only
    /// (the content is generated first). Best of `runs`.
    public static func cid(byteCount: Int = 64 << 20, runs: Int = 3) -> CIDResult {
        let random = SeededRandom(seed: 1, name: "bench.cid")
        var content = [UInt8](repeating: 0, count: byteCount)
        content.withUnsafeMutableBytes { buffer in
            let words = buffer.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = random.next() }
        }
        var best = Double.infinity
        var cid = ""
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
            var importer = UnixFSImporter()
            var offset = 0
            while offset < content.count {
                let end = min(content.count, offset + (1 << 20))
                importer.append(content[offset..<end], sink: { _ in })
                offset = end
            }
            cid = importer.finish(sink: { _ in }).cid.description
            best = min(best, (ContinuousClock.now - start).secondsDouble)
        }
        return CIDResult(bytes: byteCount, cid: cid, wallSeconds: best)
    }

    public struct ServiceResult: Sendable {
        public var seeds: Int
        public var succeeded: Int
        public var wallSeconds: Double
        public var virtualSeconds: Double
        public var seedsPerWallSecond: Double { Double(seeds) / wallSeconds }
        /// Virtual seconds simulated per wall second.
        public var timeCompression: Double { virtualSeconds / wallSeconds }
    }

    /// `seeds` simulations, each one robust service creation that downloads a `fileCount`-file package of
    /// `byteCount` bytes from the registry over a `bandwidth` link with `latency`, on one thread.
    ///
    /// The package is a fixture: it is generated and hashed once and every seed's registry serves the same block
    /// store (read-only here), as a real registry serves the same release to every CI run. Each seed still downloads,
    /// extracts and verifies the whole package in its own world.
    public static func serviceCreation(
        seeds: Int = 200, byteCount: Int = 4 << 20, fileCount: Int = 40,
        bandwidthBytesPerSecond: Int = 2 << 20, latency: Duration = .milliseconds(20)
    ) -> ServiceResult {
        let store = IPFSBlockStore()
        let spec = IPFSPackageSpec(fileCount: fileCount, byteCount: byteCount, depthMax: 3, symlinkCount: 0)
        guard let package = try? store.seedPackage(spec, random: SeededRandom(seed: 0, name: "bench.package")) else {
            preconditionFailure("the benchmark package fits the store")
        }
        var succeeded = 0
        var virtualSeconds = 0.0
        let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
        for seed in 0..<UInt64(seeds) {
            let simulation = Simulation(
                seed: seed, configuration: SimulationConfiguration(timeLimit: .seconds(3600), traceCapacity: 0)
            )
            let result = simulation.run { simulation in
                let network = SimNetwork(
                    simulation,
                    defaultLink: LinkConditions(latency: latency, bandwidthBytesPerSecond: bandwidthBytesPerSecond)
                )
                network.addHost("service")
                network.addHost("registry")
                let registry = try IPFSRegistry(network: network, host: "registry", store: store)
                registry.start()
                let fileSystem = SimFileSystem(clock: simulation.clock)
                let downloader = IPFSDownloader(
                    variant: .robust, http: SimHTTPClient(network: network, host: "service"),
                    fileSystem: fileSystem, clock: simulation.clock, random: simulation.random("downloader.jitter")
                )
                let manager = ServiceManager(variant: .robust, fileSystem: fileSystem, downloader: downloader) { _ in }
                let response = await manager.handleCreate(
                    template: ServiceTemplate(name: "bench", hash: package.cid.description)
                )
                registry.stop()
                return response.status == 201 || response.status == 200
            }
            if (try? result.value?.get()) == true { succeeded += 1 }
            virtualSeconds += result.virtualTime.secondsDouble
        }
        let wall = (ContinuousClock.now - start).secondsDouble
        return ServiceResult(seeds: seeds, succeeded: succeeded, wallSeconds: wall, virtualSeconds: virtualSeconds)
    }
}
