import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Runs performance benchmarks and prints one JSON line per case.",
        discussion: "Build with -c release before quoting figures: debug builds are many times slower.",
        subcommands: [
            KernelBenchCommand.self, NetBenchCommand.self, E2EBenchCommand.self, SweepBenchCommand.self,
            JUnitBenchCommand.self, EgressBenchCommand.self, CacheBenchCommand.self, PeersBenchCommand.self,
        ]
    )
}
