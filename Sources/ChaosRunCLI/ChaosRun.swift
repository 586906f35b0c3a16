import ArgumentParser

/// The root command: its name and its list of subcommands come from `CLIContext`, so that a user's executable gets
/// its own name in help and usage and its own extra commands.
struct ChaosRun: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: CLIContext.current.commandName,
            abstract: "Runs deterministic chaos simulations and reports what they find.",
            discussion: """
                Every run is reproducible from its seed: the same seed gives the same interleaving, the same virtual \
                timings and the same trace digest in any process.

                Exit codes: 0 success (expectations met), 1 a run failed or expectations were not met, 2 bad input \
                or usage.
                """,
            version: ChaosRunVersion.current,
            subcommands: [
                ListCommand.self, ComponentsCommand.self, RunCommand.self, MergeCommand.self, ReplayCommand.self,
                CheckDeterminismCommand.self, CrashPointsCommand.self, CIDCommand.self, TriageCommand.self,
                ShrinkCommand.self, CompareSchedulesCommand.self, ServeCommand.self,
            ] + CLIContext.current.extraCommands + [WorkerCommand.self]
        )
    }
}
