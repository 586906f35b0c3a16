import ArgumentParser
import Scenarios

struct NetBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "net",
        abstract: "Benchmarks the simulated network: simulated payload moved per wall second.",
        discussion: """
            Case payload: one connection over a link with 5 ms latency and a slicer fault (64 KiB ± 25% slices), \
            --gib GiB in total, reporting simulated_bytes_per_wall_sec.
            """
    )

    @Option(help: "Simulated payload in GiB (1...64).")
    var gib: Int = 8

    @Option(help: "Average slice size in bytes (1024...16777216).")
    var slice: Int = 64 << 10

    func validate() throws {
        guard (1...64).contains(gib) else { throw ValidationError("--gib must be in 1...64, got \(gib).") }
        guard (1024...(16 << 20)).contains(slice) else {
            throw ValidationError("--slice must be in 1024...16777216, got \(slice).")
        }
    }

    func run() throws {
        let result = NetworkBenchmarks.payload(totalBytes: gib << 30, sliceSize: slice)
        BenchOutput.printLine([
            "bench": "net", "case": "payload", "bytes": result.bytes, "segments": result.segments,
            "wall_seconds": result.wallSeconds, "virtual_seconds": result.virtualTime.secondsDouble,
            "simulated_bytes_per_wall_sec": result.bytesPerWallSecond.rounded(),
            "simulated_gib_per_wall_sec": (result.bytesPerWallSecond / Double(1 << 30) * 100).rounded() / 100,
            "outcome": result.outcome.name,
        ])
        if result.outcome != .completed { throw ExitCode(1) }
    }
}
