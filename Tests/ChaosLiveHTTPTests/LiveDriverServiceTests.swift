import ChaosCore
import ChaosLive
import ChaosLiveHTTP
import ChaosNet
import HTTPTypes
import Scenarios
import Testing

/// A user's driver that declares an HTTP service of its own: `serve` puts it on a port beside the registry, and the
/// scenario's faults aimed at it act on it and on nothing else.
@Suite struct LiveDriverServiceTests {
    struct TrackerDriver: ComponentDriver {
        let name = "live-tracker"
        let summary = "A test component whose driver declares an HTTP service for live mode."
        let variants: [VariantName] = [.naive, .robust]
        let invariants: [InvariantDescriptor] = []

        func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
            ClosureWorkload(perform: { _ in nil })
        }

        func liveServices(_ context: LiveServiceContext<Self>) -> LiveServices {
            let tracker = LiveHTTPService(name: "tracker", endpoint: Endpoint(host: "tracker", port: 8080)) { request in
                .text(.ok, "tracked \(request.head.path ?? "/")\n")
            }
            return LiveServices(httpServices: [tracker])
        }
    }

    static let scenario = """
        name: live-tracker
        description: A driver's own service in live mode.
        topology:
          hosts: [service, registry, tracker]
          client: service
          registry: {host: registry, port: 5001}
        faults:
          - {name: tracker-down-for-maintenance, kind: http_status, code: 503, target: {service: "tracker:8080"}}
        workload:
          component: live-tracker
        """

    @Test func aDriversServiceIsServedBesideTheRegistryAndItsFaultsActOnItAlone() async throws {
        let drivers = DriverRegistry.builtIn.adding(TrackerDriver())
        let scenario = try ScenarioLoader.parse(Self.scenario, path: "live-tracker.yaml", drivers: drivers)
        let runner = try ScenarioRunner(scenario: scenario, drivers: drivers)
        try await LiveServeTests.withServer(starting: {
            try await LiveServeHarness.start(services: runner.services, scenario: scenario.name, clientHost: "service")
        }) { server, client in
            let service = try #require(server.status.services.first)
            #expect(service.name == "tracker")
            #expect(service.scenarioService == "tracker:8080")
            let request = HTTPRequest(method: .get, scheme: "http", authority: service.address, path: "/hello")
            let faulted = try await LiveServeTests.text(client, request)
            #expect(faulted.status == 503)
            #expect(try await LiveServeTests.text(client, server.post("/api/v0/version")).status == 200)
            let off = "/faults/tracker-down-for-maintenance/disable"
            #expect(try await LiveServeTests.text(client, server.control(.post, off)).status == 200)
            #expect(try await LiveServeTests.text(client, request).body == "tracked /hello\n")
        }
    }
}
