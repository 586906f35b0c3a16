import ArgumentParser
import Scenarios

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// chaos-run's entry point, callable from a user's own executable so that it runs every command — `run` on worker
/// processes, `replay`, `check-determinism`, `list`, `components` — with the user's drivers registered:
///
/// ```swift
/// import ChaosRunCLI
/// import Scenarios
///
/// @main enum MyChaos {
///     static func main() async {
///         await ChaosRunMain.run(commandName: "my-chaos", drivers: .builtIn.adding(UploaderDriver()))
///     }
/// }
/// ```
///
/// Worker processes are this same executable started with the hidden `worker` command, so they know the same
/// drivers. Exit codes: 0 success, 1 a run failed or an expectation was not met, 2 bad input or usage.
public enum ChaosRunMain {
    /// Parses the process's arguments, runs the command and exits.
    ///
    /// - Parameters:
    ///   - commandName: the executable's name, as help text and replay commands show it.
    ///   - drivers: the components scenario files may name.
    ///   - extraCommands: further subcommands, listed after the built-in ones.
    public static func run(
        commandName: String = "chaos-run", drivers: DriverRegistry = .builtIn,
        extraCommands: [any ParsableCommand.Type] = []
    ) async -> Never {
        CLIContext.current = CLIContext(commandName: commandName, drivers: drivers, extraCommands: extraCommands)
        AllocatorTuning.apply()
        do {
            var command = try ChaosRun.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as BadInput {
            printToStandardError("Error: \(error)")
            exit(2)
        } catch {
            // ArgumentParser's own exit code for usage errors is 64 (EX_USAGE); chaos-run promises 2 for bad input
            // or usage, so that 1 can mean "ran, and found a failure".
            let code = ChaosRun.exitCode(for: error)
            if code == .validationFailure {
                printToStandardError(ChaosRun.fullMessage(for: error))
                exit(2)
            }
            ChaosRun.exit(withError: error)
        }
    }
}

/// Writes a line to standard error (the C `stderr` global is not concurrency-safe in Swift 6).
func printToStandardError(_ message: String, newline: Bool = true) {
    let line = !newline || message.hasSuffix("\n") ? message : message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}
