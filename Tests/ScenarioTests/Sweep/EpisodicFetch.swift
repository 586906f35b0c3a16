import ChaosNet
import HTTPTypes
import Scenarios

/// A test component whose failures come from two causes at once: an origin that answers 503 to a few requests at
/// random, and long outages in which it answers 503 to all of them. One GET per run, failing on anything but a 200:
/// after one failed rerun a seed is most likely inside an outage, so a second rerun fails more often than the first
/// (q_2 > q_1) — the clustering that makes p · q(d)^k optimistic.
enum EpisodicFetch {
    static let host = "origin"
    static let port = 80

    static let driver = ClosureDriver(
        name: "episodic-fetch", summary: "One GET from an origin with random 503s and outages.", variants: ["once"]
    ) { world, _ in
        let server = try SimHTTPServer(network: world.network, host: host, port: port) { _ in .text(.ok, "ok") }
        server.start()
        world.onShutDown { server.stop() }
        return ClosureWorkload(perform: { _ in
            let request = HTTPRequest(method: .get, scheme: "http", authority: "\(host):\(port)", path: "/")
            do {
                let response = try await world.client.execute(
                    request, body: nil, timeouts: HTTPTimeouts(total: .seconds(5)))
                _ = try await response.body.collect(upTo: 1024)
                let status = response.head.status.code
                guard status == 200 else {
                    return WorkloadFailure(
                        cause: "http_\(status)", summary: "the origin answered \(status)", detail: "")
                }
                return nil
            } catch {
                return WorkloadFailure(cause: ErrorCause.name(of: error), summary: "the fetch failed", detail: "")
            }
        })
    }

    static let drivers = DriverRegistry.builtIn.adding(driver)

    /// Random 503s on 15% of responses, and outages of 4 minutes on average every 20 minutes; seeds start anywhere
    /// in the first hour. Reruns are measured 5 s and 15 min after a failure.
    static func scenarioText(seeds: Int, validationSeeds: Int) -> String {
        """
        name: episodic-outages
        description: One GET from an origin with random 503s and long outages.
        seeds: \(seeds)
        time_limit: 3h
        topology: {hosts: [client, origin], client: client, registry: none}
        faults:
          - name: random-503s
            kind: http_status
            code: 503
            target: {service: "origin:80"}
            toxicity: 15%
          - name: outages
            kind: http_status
            code: 503
            target: {service: "origin:80"}
            activity: {episodes: {mean_gap: 20m, mean_duration: 4m}}
        workload: {component: episodic-fetch, start_jitter: 1h}
        rerun:
          delays: [5s, 15m]
          target: 1%
          max_reruns: 5
          validation_seeds: \(validationSeeds)
        """
    }
}
