import ChaosNet
import HTTPTypes
import Scenarios

/// A user's component as a test writes it, with a closure driver: it fetches a greeting from the world's `greeter`
/// service and saves it to `/greeting`. The naive variant saves whatever came back (a 503 page included); the robust
/// one retries after 5 s, three times, and saves only a 200 body, atomically.
enum Greeter {
    static let host = "greeter"
    static let port = 80
    static let path = "/greeting"

    static let greetingIsAGreeting: InvariantName = "greeting_is_a_greeting"

    static let driver = ClosureDriver(
        name: "greeter", summary: "Saves a greeting fetched over HTTP.",
        invariants: [InvariantDescriptor(greetingIsAGreeting, "The saved greeting is the service's greeting.")]
    ) { world, variant in
        let server = try SimHTTPServer(network: world.network, host: host, port: port) { _ in .text(.ok, "hello") }
        server.start()
        world.onShutDown { server.stop() }
        var statuses: [Int] = []
        return ClosureWorkload(
            perform: { _ in
                let attempts = variant == .robust ? 3 : 1
                for attempt in 1...attempts {
                    let request = HTTPRequest(method: .get, scheme: "http", authority: "\(host):\(port)", path: "/")
                    do {
                        let response = try await world.client.execute(
                            request, body: nil, timeouts: HTTPTimeouts(total: .seconds(5)))
                        let body = try await response.body.collect(upTo: 1024)
                        statuses.append(response.head.status.code)
                        if variant == .naive || response.head.status.code == 200 {
                            try await world.fileSystem.writeFile(at: path + ".tmp", contents: body)
                            try await world.fileSystem.rename(from: path + ".tmp", to: path)
                        }
                        if response.head.status.code == 200 { return nil }
                    } catch {
                        return WorkloadFailure(cause: ErrorCause.name(of: error), summary: "fetch failed", detail: "")
                    }
                    if attempt < attempts { try? await world.clock.sleep(for: .seconds(5)) }
                }
                let status = statuses.last ?? 0
                return WorkloadFailure(
                    cause: "http_\(status)", summary: "the greeter answered \(status)",
                    detail: "statuses \(statuses)")
            },
            violations: {
                guard let bytes = try? await world.fileSystem.readFile(at: path) else { return [] }
                let text = String(decoding: bytes, as: UTF8.self)
                return text == "hello" ? [] : [InvariantViolation(greetingIsAGreeting, "\(path) holds '\(text)'")]
            },
            figures: {
                var figures = SeedFigures()
                for status in statuses { figures.count("replies_by_status", String(status)) }
                return figures
            })
    }

    static let drivers = DriverRegistry.builtIn.adding(driver)

    /// A world where the greeter answers 503 from 10 s to 20 s, and seeds start anywhere in the first 30 s.
    static let scenarioText = """
        name: greeter-outage
        description: The greeter answers 503 for ten seconds.
        seeds: 40
        time_limit: 5m
        topology: {hosts: [client, greeter], client: client, registry: none}
        faults:
          - name: outage
            kind: http_status
            code: 503
            target: {service: "greeter:80"}
            activity: {windows: [{start: 10s, end: 20s}]}
        workload: {component: greeter, start_jitter: 30s}
        expectations:
          naive: {min_failure_rate: 10%}
          robust: {max_failure_rate: 0}
        """
}
