import ArgumentParser
import ChaosBenchmarks
import Scenarios

struct SweepBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Benchmarks a long sweep's memory: peak RSS of one process after N and after N × factor seeds.",
        discussion: """
            Runs seeds 1 to N × factor of one variant of a scenario one after another in this process, as one worker \
            of `run` does, and reports peak_rss_mib after N seeds and after all of them, and the growth per seed in \
            between (flat memory: close to 0).
            """
    )

    @Argument(help: "The scenario file.")
    var file: String = "scenarios/ipfs-download-timeout.yaml"

    @Option(help: "The variant to run.")
    var variant: VariantName = .robust

    @Option(help: "N: seeds before the first reading (1...100000).")
    var seeds: Int = 1000

    @Option(help: "The second reading comes after N × factor seeds (2...100).")
    var factor: Int = 8

    func validate() throws {
        try BenchOption.check("--seeds", seeds, in: 1...100_000)
        try BenchOption.check("--factor", factor, in: 2...100)
    }

    func run() throws {
        let runner = try BenchScenario.runner(file: file, variant: variant)
        let result = SweepMemoryBenchmark.run(runner: runner, variant: variant, seeds: seeds, factor: factor)
        func mebibytes(_ bytes: Int) -> Double { (Double(bytes) / 1_048_576 * 10).rounded() / 10 }
        BenchOutput.printLine([
            "bench": "sweep", "case": "memory", "scenario": runner.scenario.name, "variant": variant.rawValue,
            "seeds": result.seeds, "total_seeds": result.totalSeeds, "failures": result.failures,
            "peak_rss_mib_after_seeds": mebibytes(result.peakBytesAfterSeeds),
            "peak_rss_mib_after_total": mebibytes(result.peakBytesAfterTotal),
            "growth_kib_per_seed": (result.growthBytesPerSeed / 1024 * 10).rounded() / 10,
            "wall_seconds": result.wallSeconds,
        ])
    }
}
