import ArgumentParser
import ChaosBenchmarks
import Scenarios

struct EgressBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egress",
        abstract: "Benchmarks the egress recorder: recorded retrievals per wall second on one core.",
        discussion: """
            Runs seeds 1 to N of one variant of an egress scenario (by default the robust recorder at the burst \
            profile) one after another on one thread, each a whole simulated world with clients, the retrieval node, \
            its disk and the tracker, and reports recorded_retrievals_per_wall_sec: responses that sent data and whose \
            receipt was durable at the end of the seed, per wall second. Build with -c release.

            It also times `bench e2e`'s hashing case in the same run (the CID of 64 MiB, cid_mib_per_sec) and \
            prints the ratio of the two, recorded_per_cid_mib, meant for comparing runs on machines of different \
            speeds (how well it holds across machines is not yet measured).
            """
    )

    @Argument(help: "The scenario file (an egress-recorder scenario).")
    var file: String = "scenarios/egress-burst.yaml"

    @Option(help: "The variant to run.")
    var variant: VariantName = .robust

    @Option(help: "Seeds to run (1...100000).")
    var seeds: Int = 20

    func validate() throws {
        try BenchOption.check("--seeds", seeds, in: 1...100_000)
    }

    func run() throws {
        let runner = try BenchScenario.runner(file: file, variant: variant)
        guard runner.scenario.workload.component == "egress-recorder" else {
            throw ValidationError(
                "\(file) drives '\(runner.scenario.workload.component)', not 'egress-recorder'.")
        }
        let result = EgressBenchmark.run(runner: runner, variant: variant, seeds: seeds)
        let hashing = E2EBenchmarks.cid().mebibytesPerSecond
        BenchOutput.printLine([
            "bench": "egress", "case": "recorded", "scenario": runner.scenario.name, "variant": variant.rawValue,
            "seeds": result.seeds, "failures": result.failures, "offered": result.offered,
            "recorded": result.recorded, "wall_seconds": result.wallSeconds,
            "recorded_retrievals_per_wall_sec": result.recordedPerWallSecond.rounded(),
            "time_compression": (result.timeCompression * 10).rounded() / 10,
            "cid_mib_per_sec": (hashing * 10).rounded() / 10,
            "recorded_per_cid_mib": (result.recordedPerWallSecond / hashing * 100).rounded() / 100,
        ])
    }
}
