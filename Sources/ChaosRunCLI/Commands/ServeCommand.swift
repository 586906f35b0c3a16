import ArgumentParser
import ChaosLive
import Foundation
import Scenarios

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves a scenario's IPFS registry on a real loopback socket, with its faults on the real clock.",
        discussion: """
            Live mode, for clients ChaosNet did not write (a Python ipfshttpclient, curl): the registry answers \
            the Kubo RPC subset and the gateway with the scenario's packages, through the same handlers as in the \
            simulation, and the scenario's faults act on its responses — episodes and toxicity drawn from --seed, \
            durations multiplied by --time-scale. down resets accepted connections, and the network kinds (latency, \
            bandwidth, partition, hold, timeout, limit_data, reset_peer, …) shape the bytes each real connection \
            moves as they shape a simulated one. HTTP services the scenario's driver declares are served on free \
            ports beside the registry, under the same faults.

            Once every port listens, one JSON line on standard output says where (`"event":"ready"`, the API URL, \
            the control address, the packages' and the driver's content's CIDs, the driver's services); every \
            firing, request and control change is a line on standard error with its wall time and scenario time. \
            SIGINT or SIGTERM stops the server.

            The control API (JSON over HTTP on --control-port): GET /status, GET /faults, POST /faults (a fault as \
            a scenario file's faults: item, JSON or YAML), GET or DELETE /faults/NAME, POST /faults/NAME/enable, \
            /disable and /release, GET /events.

            Exit codes: 0 stopped by a signal, 2 bad input (a bad file, a non-loopback --host, a port in use).
            """
    )

    @Argument(help: "The scenario file (YAML or JSON) whose registry and faults to serve.")
    var file: String

    @Option(help: "The seed the faults' episodes and toxicity are drawn from.")
    var seed: UInt64 = 1

    @Option(help: "The address to listen on; loopback only unless --allow-non-loopback.")
    var host = "127.0.0.1"

    @Option(help: "The registry's port (0: any free port, printed in the ready line).")
    var port = 5001

    @Option(name: .customLong("control-port"), help: "The control API's port (0: any free port).")
    var controlPort = 8474

    @Option(
        name: .customLong("time-scale"),
        help: "Wall seconds per scenario second: 0.01 plays episodes, stalls and delays 100 times faster.")
    var timeScale = 1.0

    @Flag(name: .customLong("allow-non-loopback"), help: "Allow a --host that is not a loopback address.")
    var allowNonLoopback = false

    func validate() throws {
        if let problem = options.problem { throw ValidationError(problem) }
    }

    private var options: LiveServeOptions {
        LiveServeOptions(
            seed: seed, host: host, port: port, controlPort: controlPort, timeScale: timeScale,
            allowNonLoopback: allowNonLoopback)
    }

    func run() async throws {
        let target = try ScenarioTargets.load(file, variant: nil)
        let runner = target.runner
        Interruption.install(signals: [SIGINT, SIGTERM])
        do {
            try await LiveServer.serve(
                services: runner.services, scenario: runner.scenario.name,
                clientHost: runner.scenario.topology.clientHost, options: options,
                ready: { status in
                    let line = LiveJSON.line(status)
                    // Written directly, not buffered, so that a test reading the pipe sees it at once.
                    FileHandle.standardOutput.write(Data((line + "\n").utf8))
                    var summary = "serving \(status.scenario) (seed \(status.seed)) at \(status.apiURL); "
                    summary += "control API at http://\(status.control); stop with Ctrl-C"
                    for package in status.packages { summary += "\n  package \(package.name): \(package.cid)" }
                    LiveEventLog.standardError(summary)
                },
                stopRequested: { Interruption.isRequested })
        } catch let error as LiveServeError {
            throw BadInput(error.description)
        }
    }
}
