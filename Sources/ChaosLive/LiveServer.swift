import ChaosCore
import ChaosNet
import NIOCore
import NIOPosix
import Scenarios

/// Live mode: a scenario's IPFS registry on a real loopback socket, served by the same handler and HTTP exchange loop
/// as in the simulation, with the scenario's fault plan on the real clock (episodes and toxicity drawn from the
/// seed), and the control API on a second port.
///
/// ```swift
/// let runner = try ScenarioRunner(scenario: try ScenarioLoader.load(path: "scenarios/ipfs-download-timeout.yaml"))
/// try await LiveServer.serve(
///     services: runner.services, scenario: runner.scenario.name, clientHost: "service",
///     options: LiveServeOptions(seed: 7, port: 0, controlPort: 0),
///     ready: { status in print(status.apiURL) }, stopRequested: { false })
/// ```
///
/// Every task of the services runs on one thread of its own (the registry, the plan and the exchange loop are
/// written for one thread), and NIO's event loop moves the bytes.
public enum LiveServer {
    /// Serves until `stopRequested` returns true (asked every 100 ms), then closes the listeners and every
    /// connection and returns. `ready` is called once both listeners are bound, with their real addresses.
    ///
    /// - Parameters:
    ///   - clientHost: the scenario host real clients stand for, which connection faults (`down`) are matched on.
    public static func serve(
        services: ScenarioServices, scenario: String, clientHost: String, options: LiveServeOptions,
        log: LiveEventLog = LiveEventLog(),
        ready: @escaping @Sendable (LiveServerStatus) -> Void, stopRequested: @escaping @Sendable () -> Bool
    ) async throws {
        if let problem = options.problem { throw LiveServeError(problem) }
        guard let endpoint = services.registryEndpoint else {
            throw LiveServeError("scenario '\(scenario)' has no registry (registry: none): there is nothing to serve")
        }
        let executor = SerialThreadExecutor(name: "chaos-live")
        defer { executor.shutDown() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var failure: (any Error)?
        do {
            try await withTaskExecutorPreference(executor) {
                try await run(
                    services: services, endpoint: endpoint, scenario: scenario, clientHost: clientHost,
                    options: options, log: log, group: group, ready: ready, stopRequested: stopRequested)
            }
        } catch {
            failure = error
        }
        // The event loop goes whatever happened; a serving error is the one reported.
        try await group.shutdownGracefully()
        if let failure { throw failure }
    }

    private static func run(
        services: ScenarioServices, endpoint: Endpoint, scenario: String, clientHost: String,
        options: LiveServeOptions, log: LiveEventLog, group: MultiThreadedEventLoopGroup,
        ready: @Sendable (LiveServerStatus) -> Void, stopRequested: @escaping @Sendable () -> Bool
    ) async throws {
        let clock = LiveFaultClock(seed: options.seed, timeScale: options.timeScale, log: log)
        let faults = LiveFaultSet(clock: clock, faults: services.faults)
        let trace: @Sendable (String, String) -> Void = { clock.trace($0, $1) }
        let runtime = LiveServerRuntime(clock: clock, faults: faults)
        // A faulted service: its own exchange loop on the shared plan, its connections refused or reset by it.
        func bindService(
            _ label: String, _ endpoint: Endpoint, port: Int, handler: @escaping HTTPExchangeServer.Handler
        ) async throws -> LiveHTTPListener {
            let exchange = HTTPExchangeServer(
                endpoint: endpoint, faultPlan: faults.plan, runtime: runtime, handler: handler)
            let connectionFaults = LiveConnectionFaults(
                refusal: { faults.plan.refusingFault(from: clientHost, to: endpoint) },
                shaper: { connection, arrange in
                    LiveConnectionShaper(
                        plan: faults.plan, clock: clock, client: clientHost, service: endpoint,
                        connection: connection, arrange: arrange)
                })
            return try await bind(
                label, options.host, port, group: group, exchange: exchange, faults: connectionFaults, trace: trace)
        }
        var listeners: [LiveHTTPListener] = []
        do {
            let service = IPFSRegistryService(store: services.store, trace: trace)
            let registry = try await bindService("registry", endpoint, port: options.port) { request in
                try await service.handle(request)
            }
            listeners.append(registry)
            var declared: [LiveServerStatus.Service] = []
            for http in services.driverServices.httpServices {
                // A driver's services take any free port: the ready line says which.
                let listener = try await bindService(http.name, http.endpoint, port: 0, handler: http.handler)
                listeners.append(listener)
                declared.append(LiveServerStatus.Service(
                    name: http.name, address: authority(listener.host, listener.port),
                    scenarioService: http.endpoint.description))
            }
            let packages = services.packages.map { ($0.name, $0.package.cid) } + services.driverServices.content
            let status = LiveServerStatus(
                scenario: scenario, seed: options.seed, timeScale: options.timeScale,
                registry: authority(registry.host, registry.port),
                apiURL: "http://\(authority(registry.host, registry.port))/api/v0",
                scenarioService: endpoint.description, control: "",
                packages: packages.map { LiveServerStatus.Package(name: $0.0, cid: $0.1.description) },
                services: declared)
            let controlAPI = LiveControlAPI(
                faults: faults, clock: clock, log: log, hosts: services.hosts, status: status)
            // The control API's own exchanges are never faulted: its plan is empty.
            let controlExchange = HTTPExchangeServer(
                endpoint: Endpoint(host: "control", port: options.controlPort),
                faultPlan: FaultPlan(detachedWith: nil), runtime: runtime
            ) { request in
                try await controlAPI.handle(request)
            }
            let control = try await bind(
                "control API", options.host, options.controlPort, group: group, exchange: controlExchange,
                trace: trace)
            listeners.append(control)
            controlAPI.status.control = authority(control.host, control.port)
            ready(controlAPI.status)
        } catch {
            for listener in listeners { listener.close() }
            throw error
        }
        let bound = listeners
        await withDiscardingTaskGroup { tasks in
            for listener in bound { tasks.addTask { await listener.run() } }
            tasks.addTask {
                while !stopRequested() {
                    // Live mode waits on the real clock for a stop request.
                    try? await Task.sleep(for: .milliseconds(100))  // determinism: ok
                }
                clock.trace("live", "stopping: closing the listeners and every connection")
                for listener in bound { listener.close() }
            }
        }
    }

    private static func bind(
        _ label: String, _ host: String, _ port: Int, group: MultiThreadedEventLoopGroup,
        exchange: HTTPExchangeServer, faults: LiveConnectionFaults = .none,
        trace: @escaping (String, String) -> Void
    ) async throws -> LiveHTTPListener {
        do {
            return try await LiveHTTPListener.bind(
                label: label, host: host, port: port, group: group, exchange: exchange, faults: faults, trace: trace)
        } catch {
            throw LiveServeError("cannot listen on \(authority(host, port)) for the \(label): \(error)")
        }
    }

    static func authority(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
