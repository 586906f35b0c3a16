import ChaosLive
import Foundation
import Scenarios
import Synchronization

/// A live server of a shipped scenario, in this process: started with `start`, stopped with `stop` (call it before
/// the test returns, also when it fails).
final class LiveServeHarness: Sendable {
    let status: LiveServerStatus
    let services: ScenarioServices
    private let stopFlag: StopFlag
    private let task: Task<Void, any Error>

    private final class StopFlag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private init(
        status: LiveServerStatus, services: ScenarioServices, stopFlag: StopFlag, task: Task<Void, any Error>
    ) {
        self.status = status
        self.services = services
        self.stopFlag = stopFlag
        self.task = task
    }

    /// The registry's authority, `127.0.0.1:PORT`.
    var authority: String { status.registry }

    /// The package the scenario's workload downloads.
    var package: (name: String, package: IPFSPackage) { services.packages[0] }

    static func scenarioPath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/\(name).yaml").path
    }

    /// Serves scenario `name` (a file of `scenarios/`) on free loopback ports, without its faults; waits at most
    /// 10 s for it to listen.
    static func start(_ name: String = "ipfs-download-timeout") async throws -> LiveServeHarness {
        let scenario = try ScenarioLoader.load(path: scenarioPath(name))
        let runner = try ScenarioRunner(scenario: scenario)
        return try await start(
            services: runner.services.withoutFaults, scenario: scenario.name, clientHost: scenario.topology.clientHost)
    }

    /// Serves `services` on free loopback ports; waits at most 10 s for them to listen.
    static func start(
        services: ScenarioServices, scenario: String, clientHost: String, seed: UInt64 = 1, timeScale: Double = 1
    ) async throws -> LiveServeHarness {
        let flag = StopFlag()
        let (stream, continuation) = AsyncStream<LiveServerStatus>.makeStream()
        let options = LiveServeOptions(seed: seed, port: 0, controlPort: 0, timeScale: timeScale)
        let log = LiveEventLog(write: { _ in })
        let task = Task {
            defer { continuation.finish() }
            try await LiveServer.serve(
                services: services, scenario: scenario, clientHost: clientHost,
                options: options, log: log, ready: { continuation.yield($0) },
                stopRequested: { flag.value.load(ordering: .relaxed) })
        }
        for await status in stream {
            return LiveServeHarness(status: status, services: services, stopFlag: flag, task: task)
        }
        try await task.value
        throw LiveServeError("the live server returned before it was ready")
    }

    /// Stops the server and waits until it has closed every connection.
    func stop() async throws {
        stopFlag.value.store(true, ordering: .relaxed)
        try await task.value
    }
}

extension ScenarioServices {
    /// The same services with no fault: tests add the ones they need through the control API.
    var withoutFaults: ScenarioServices {
        var services = self
        services.faults = []
        return services
    }
}
