import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ChaosRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-run",
        abstract: "Runs deterministic chaos simulations and reports what they find.",
        discussion: """
            Every run is reproducible from its seed: the same seed gives the same interleaving, the same virtual \
            timings and the same trace digest in any process.

            Exit codes: 0 success (expectations met), 1 a run failed or expectations were not met, 2 bad input or \
            usage.
            """,
        subcommands: [
            ListCommand.self, RunCommand.self, ReplayCommand.self, CheckDeterminismCommand.self, DemoCommand.self,
            CIDCommand.self, BenchCommand.self, WorkerCommand.self,
        ]
    )
}

/// The entry point: ArgumentParser's own exit code for usage errors is 64 (EX_USAGE); chaos-run promises 2 for bad
/// input or usage, so that 1 can mean "ran, and found a failure".
@main
enum ChaosRunMain {
    static func main() async {
        AllocatorTuning.apply()
        do {
            var command = try ChaosRun.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as BadInput {
            printToStandardError("Error: \(error)")
            exit(2)
        } catch {
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
