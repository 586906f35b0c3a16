import ArgumentParser
import ChaosBenchmarks

struct NetBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "net",
        abstract: "Benchmarks the simulated network: payload moved and HTTP requests served per wall second.",
        discussion: """
            Case payload: one connection over a link with 5 ms latency and a slicer fault (64 KiB ± 25% slices), \
            --gib GiB in total, reporting simulated_bytes_per_wall_sec. Case http: 10 clients each send --requests \
            small GET requests over keep-alive connections, reporting http_requests_per_wall_sec.
            """
    )

    enum Case: String, ExpressibleByArgument, CaseIterable {
        case payload, http, all
    }

    @Option(name: .customLong("case"), help: "Which case to run: payload, http or all.")
    var benchCase: Case = .all

    @Option(help: "Requests per client in the http case (1...1000000).")
    var requests: Int = 10_000

    @Option(help: "Simulated payload in GiB (1...64).")
    var gib: Int = 8

    @Option(help: "Average slice size in bytes (1024...16777216).")
    var slice: Int = 64 << 10

    func validate() throws {
        try BenchOption.check("--gib", gib, in: 1...64)
        try BenchOption.check("--requests", requests, in: 1...1_000_000)
        try BenchOption.check("--slice", slice, in: 1024...(16 << 20))
    }

    func run() throws {
        var failed = false
        if benchCase != .http { failed = runPayload() || failed }
        if benchCase != .payload { failed = runHTTP() || failed }
        if failed { throw ExitCode(1) }
    }

    private func runHTTP() -> Bool {
        let result = NetworkBenchmarks.http(requestsPerClient: requests)
        BenchOutput.printLine([
            "bench": "net", "case": "http", "requests": result.requests, "connections": result.connections,
            "steps": result.steps,
            "wall_seconds": result.wallSeconds, "virtual_seconds": result.virtualTime.secondsDouble,
            "http_requests_per_wall_sec": result.requestsPerWallSecond.rounded(), "outcome": result.outcome.name,
        ])
        return result.outcome != .completed
    }

    private func runPayload() -> Bool {
        let result = NetworkBenchmarks.payload(totalBytes: gib << 30, sliceSize: slice)
        BenchOutput.printLine([
            "bench": "net", "case": "payload", "bytes": result.bytes, "segments": result.segments,
            "wall_seconds": result.wallSeconds, "virtual_seconds": result.virtualTime.secondsDouble,
            "simulated_bytes_per_wall_sec": result.bytesPerWallSecond.rounded(),
            "simulated_gib_per_wall_sec": (result.bytesPerWallSecond / Double(1 << 30) * 100).rounded() / 100,
            "outcome": result.outcome.name,
        ])
        return result.outcome != .completed
    }
}
