import ArgumentParser
import Scenarios

struct E2EBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Benchmarks end-to-end pieces: IPFS hashing throughput.",
        discussion: "Case cid: the CID of --mib MiB of content with Kubo's defaults, reporting cid_mib_per_sec."
    )

    @Option(help: "Content size in MiB for the cid case (1...4096).")
    var mib: Int = 64

    func validate() throws {
        guard (1...4096).contains(mib) else { throw ValidationError("--mib must be in 1...4096, got \(mib).") }
    }

    func run() throws {
        let result = E2EBenchmarks.cid(byteCount: mib << 20)
        BenchOutput.printLine([
            "bench": "e2e", "case": "cid", "bytes": result.bytes, "cid": result.cid,
            "wall_seconds": result.wallSeconds, "cid_mib_per_sec": (result.mebibytesPerSecond * 10).rounded() / 10,
        ])
    }
}
