import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ChaosRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-run",
        abstract: "Runs deterministic chaos simulations and reports what they find.",
        discussion: """
            Every run is reproducible from its seed: the same seed gives the same interleaving, the same virtual \
            timings and the same trace digest in any process.

            Exit codes: 0 success (expectations met), 1 a run failed or expectations were not met, 2 bad input or \
            usage.
            """,
        subcommands: [DemoCommand.self, BenchCommand.self]
    )
}

/// The entry point: ArgumentParser's own exit code for usage errors is 64 (EX_USAGE); chaos-run promises 2 for bad
/// input or usage, so that 1 can mean "ran, and found a failure".
@main
enum ChaosRunMain {
    static func main() {
        do {
            var command = try ChaosRun.parseAsRoot()
            try command.run()
        } catch {
            let code = ChaosRun.exitCode(for: error)
            if code == .validationFailure {
                let message = ChaosRun.fullMessage(for: error)
                let line = message.hasSuffix("\n") ? message : message + "\n"
                _ = line.withCString { write(2, $0, strlen($0)) }
                exit(2)
            }
            ChaosRun.exit(withError: error)
        }
    }
}
