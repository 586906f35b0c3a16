import ArgumentParser
import ChaosBenchmarks

struct CacheBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Benchmarks the cache copies over simulated NFS: the incident's workloads, timed by the model.",
        discussion: """
            Runs the CI cache's copies with the real tools (cp -a, a tar pipe, a tar archive written under a \
            temporary name and renamed, tar and cp -a GETs) over a simulated runner disk and NFS server, on the \
            incident's workloads (W1: 19 GB in 1,844 files; W2: 9.9 GB in 1,376 files). Each case's seconds are \
            virtual: they come out of the operations the tools make and the mounts' per-operation costs. One JSON \
            line per case with its operation counts per mount, then the ratios, then the wall time and peak memory \
            of a whole simulated put and get of W1. Build with -c release for the job line.
            """
    )

    @Option(help: "Seeds of the job measurement (1...1000).")
    var seeds: Int = 20

    func validate() throws {
        try BenchOption.check("--seeds", seeds, in: 1...1000)
    }

    func run() throws {
        let cases = try CacheBenchmark.cases()
        for item in cases {
            var line: [String: Any] = [
                "bench": "cache", "case": item.name, "seconds": (item.virtualSeconds * 1000).rounded() / 1000,
                "megabytes_per_sec": item.megabytesPerSecond.rounded(), "operations": item.operations,
            ]
            if let conditions = CacheBenchmark.getConditions[item.name] { line["conditions"] = conditions }
            BenchOutput.printLine(line)
        }
        var ratios: [String: Any] = ["bench": "cache", "case": "ratios"]
        for (key, value) in CacheBenchmark.ratios(cases) { ratios[key] = (value * 100).rounded() / 100 }
        ratios["conditions"] = [
            "get_ratio_cold": "cp -a GET and tar GET both cold, 128 KiB readahead",
            "get_ratio_warm": "cp -a GET cold at 128 KiB readahead; tar GET from the client page cache",
            "get_ratio_tuned": "cp -a GET cold at 128 KiB readahead; tar GET cold at 15 MiB readahead on 25 GbE",
            "total_ratio": "cp -a PUT + cold cp -a GET against tar archive PUT + warm tar GET",
        ]
        BenchOutput.printLine(ratios)
        let job = try CacheBenchmark.job(seeds: seeds)
        BenchOutput.printLine([
            "bench": "cache", "case": "job", "seeds": seeds,
            "wall_ms_per_seed": (job.wallMillisecondsPerSeed * 100).rounded() / 100,
            "peak_rss_bytes": job.peakResidentBytes,
        ])
    }
}
