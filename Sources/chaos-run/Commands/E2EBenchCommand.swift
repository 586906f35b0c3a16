import ArgumentParser
import ChaosBenchmarks

struct E2EBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Benchmarks end to end: service creations per wall second, and IPFS hashing throughput.",
        discussion: """
            Case service: --seeds simulations, each a robust service creation that downloads a 4 MiB, 40-file \
            package over a 2 MiB/s link with 20 ms latency, reporting seeds_per_wall_sec (one core) and \
            time_compression (virtual seconds per wall second). Case cid: the CID of --mib MiB with Kubo's defaults, \
            reporting cid_mib_per_sec.
            """
    )

    enum Case: String, ExpressibleByArgument, CaseIterable {
        case service, cid, all
    }

    @Option(name: .customLong("case"), help: "Which case to run: service, cid or all.")
    var benchCase: Case = .all

    @Option(help: "Seeds (simulations) in the service case (1...100000).")
    var seeds: Int = 200

    @Option(help: "Content size in MiB for the cid case (1...4096).")
    var mib: Int = 64

    func validate() throws {
        try BenchOption.check("--mib", mib, in: 1...4096)
        try BenchOption.check("--seeds", seeds, in: 1...100_000)
    }

    func run() throws {
        if benchCase != .cid {
            let result = E2EBenchmarks.serviceCreation(seeds: seeds)
            BenchOutput.printLine([
                "bench": "e2e", "case": "service", "seeds": result.seeds, "succeeded": result.succeeded,
                "wall_seconds": result.wallSeconds, "virtual_seconds": result.virtualSeconds,
                "seeds_per_wall_sec": (result.seedsPerWallSecond * 10).rounded() / 10,
                "time_compression": result.timeCompression.rounded(),
            ])
        }
        guard benchCase != .service else { return }
        let result = E2EBenchmarks.cid(byteCount: mib << 20)
        BenchOutput.printLine([
            "bench": "e2e", "case": "cid", "bytes": result.bytes, "cid": result.cid,
            "wall_seconds": result.wallSeconds, "cid_mib_per_sec": (result.mebibytesPerSecond * 10).rounded() / 10,
        ])
    }
}
