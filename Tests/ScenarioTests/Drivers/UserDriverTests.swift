import ChaosNet
import Foundation
import Scenarios
import Testing
import Triage

/// A component ChaosNet does not know, registered by the test as a user registers theirs: the loader, the runner,
/// the sweep, the classifier and the reports treat it as they treat the built-in ones.
@Suite("Users' own drivers")
struct UserDriverTests {
    static func runner() throws -> ScenarioRunner {
        let scenario = try ScenarioLoader.parse(Greeter.scenarioText, path: "greeter.yaml", drivers: Greeter.drivers)
        return try ScenarioRunner(scenario: scenario, drivers: Greeter.drivers, file: "greeter.yaml")
    }

    @Test("a file naming a registered user component loads; without the registration it is refused at the name")
    func loading() throws {
        let scenario = try ScenarioLoader.parse(Greeter.scenarioText, path: "greeter.yaml", drivers: Greeter.drivers)
        #expect(scenario.workload.component == "greeter")
        #expect(scenario.workload.variants == [.naive, .robust])
        do {
            _ = try ScenarioLoader.parse(Greeter.scenarioText, path: "greeter.yaml")
            Issue.record("the built-in registry has no greeter")
        } catch {
            #expect(error.description.hasPrefix("greeter.yaml:12:23: unknown component 'greeter'; components: "))
        }
        let typo = Greeter.scenarioText.replacingOccurrences(of: "component: greeter", with: "component: greter")
        #expect {
            try ScenarioLoader.parse(typo, path: "t.yaml", drivers: Greeter.drivers)
        } throws: { error in
            "\(error)".contains("unknown component 'greter'; did you mean 'greeter'?")
        }
    }

    @Test("a naive seed that meets the outage is damaging with the user's invariant in its signature")
    func naiveDamage() throws {
        let runner = try Self.runner()
        let failing = (UInt64(1)...40).map { runner.run(seed: $0, variant: .naive) }.filter { !$0.record.passed }
        let run = try #require(failing.first, "some seed starts inside the outage")
        #expect(run.record.failure?.kind == .damaging)
        #expect(run.record.failure?.signature == "damaging:greeter:http_503:greeting_is_a_greeting")
        let replay = "replay: chaos-run replay greeter.yaml --seed \(run.record.seed) --variant naive"
        #expect(run.description.contains(replay), "\(run)")
    }

    @Test("a sweep of the user component gives the same report as a built-in one: verdict, expectation, figures")
    func sweep() throws {
        let runner = try Self.runner()
        let naive = ScenarioReport(runner.sweep(variant: .naive, seeds: 1..<41))
        #expect(naive.verdict == .damaging)
        #expect(naive.expectation?.met == true)
        let robust = ScenarioReport(runner.sweep(variant: .robust, seeds: 1..<41))
        #expect(robust.failed == 0, "\(robust.signatures)")
        #expect(robust.expectation?.met == true)
        let replies = try #require(robust.figures?.counters["replies_by_status"])
        #expect(replies["200"] == 40, "every robust seed ends with one 200: \(replies)")
        #expect((replies["503"] ?? 0) > 0, "some robust seeds retried through the outage: \(replies)")
    }

    @Test("the same seed of a user component gives the same digest; the digest depends on the seed")
    func determinism() throws {
        let first = try Self.runner().run(seed: 5, variant: .robust)
        let again = try Self.runner().run(seed: 5, variant: .robust)
        let other = try Self.runner().run(seed: 6, variant: .robust)
        #expect(first.record == again.record)
        #expect(first.record.digest != other.record.digest)
    }

    @Test("a driver's name must be unique in a registry")
    func uniqueNames() {
        #expect(
            Greeter.drivers.names
                == [
                    "service-manager", "downloader", "download-queue", "egress-recorder", "cache-manager",
                    "connection-manager", "greeter",
                ])
        #expect(Greeter.drivers.driver(named: "greeter")?.summary == "Saves a greeting fetched over HTTP.")
        #expect(Greeter.drivers.driver(named: "nobody") == nil)
    }
}
