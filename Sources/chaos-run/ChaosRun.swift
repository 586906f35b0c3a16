import ArgumentParser

@main
struct ChaosRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-run",
        abstract: "Runs deterministic chaos simulations and reports what they find.",
        discussion: """
            Every run is reproducible from its seed: the same seed gives the same interleaving, the same virtual \
            timings and the same trace digest in any process.
            """,
        subcommands: [DemoCommand.self, BenchCommand.self]
    )
}
