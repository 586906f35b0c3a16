import ArgumentParser
import Scenarios
import Triage

/// What the program that runs chaos-run's commands chose: its name, the drivers it registered, and its extra
/// subcommands. Set once by `ChaosRunMain.run` before any argument is parsed, and only read afterwards (by the root
/// command's configuration, the worker, and the loaders), so it needs no lock.
struct CLIContext {
    var commandName = "chaos-run"
    var drivers = DriverRegistry.builtIn
    var extraCommands: [any ParsableCommand.Type] = []

    nonisolated(unsafe) static var current = CLIContext()

    /// How reports and summaries word a replay: this program's own replay command.
    var replay: ReplayFormatter { .command(commandName) }
}
