import Foundation
import Scenarios
import Testing

/// The twelve races of the connection-manager incident, each over several seeds: the naive manager fails the way
/// the incident did (an escaped error crashes the process, a lookup throws, a simultaneous dial loses calls, waits
/// grow unbounded, a forced close has no typed code), and the robust one passes every seed.
@Suite("Connection manager races")
struct ConnectionManagerRaceTests {
    static func runner(_ race: String) throws -> ScenarioRunner {
        let text = """
            name: race
            description: one race
            time_limit: 10m
            schedule: {strategy: random_walk, timers: together}
            topology: {hosts: [service], client: service, registry: none, default_link: {latency: 2ms}}
            workload:
              component: connection-manager
              peers: {mode: races, races: [\(race)]}
            """
        let scenario = try ScenarioLoader.parse(text, path: "race.yaml")
        return try ScenarioRunner(scenario: scenario, file: "race.yaml")
    }

    /// Each race and a part of the signature its naive failures carry.
    static let naiveFailures: [(race: String, signature: String)] = [
        ("simultaneous_dial", "duplicate_dial_resolved"),
        ("reject_inbound", "crash:connection-manager:escape:ncm refresh loop:ConnectionManagerError.peer_closed"),
        ("silent_crash", "escape:ncm inbound stream:PeerConnectionError.idle_timeout"),
        ("inbound_during_stop", "escape:ncm reverse connection:ConnectionManagerError.not_running"),
        ("ttl_during_inbound_stream", "escape:ncm inbound stream:PeerConnectionError.local_closed"),
        ("lookup_phase_failures", "crash:connection-manager:escape:"),
        ("stop_in_flight", "crash:connection-manager:escape:"),
        ("draining_doppelganger", "duplicate_dial_resolved"),
        ("hanging_connect", "bounded_waits"),
        ("half_open", "connection-manager"),
        ("held_keep_alives", "escape:ncm inbound stream:PeerConnectionError.stream_reset"),
        ("abort_during_stream_open", "escape:rpc stream factory:PeerConnectionError.peer_closed"),
    ]

    @Test("the naive manager fails each race as the incident did", arguments: naiveFailures.map(\.race))
    func naiveFails(race: String) throws {
        let runner = try Self.runner(race)
        let expected = try #require(Self.naiveFailures.first { $0.race == race }).signature
        let failures = (UInt64(1)...12).compactMap { runner.run(seed: $0, variant: .naive).record.failure }
        #expect(!failures.isEmpty, "no naive seed of \(race) failed")
        #expect(failures.contains { $0.signature.contains(expected) },
                "\(race): \(failures.map(\.signature))")
    }

    @Test("the robust manager passes every seed of each race",
          arguments: naiveFailures.map(\.race))
    func robustPasses(race: String) throws {
        let runner = try Self.runner(race)
        for seed in UInt64(1)...12 {
            let run = runner.run(seed: seed, variant: .robust)
            #expect(run.record.passed, "\(race) seed \(seed): \(run.record.failure?.signature ?? "")")
        }
    }

    @Test("one seed of a race gives one digest, run after run")
    func determinism() throws {
        let runner = try Self.runner("simultaneous_dial")
        let first = runner.run(seed: 5, variant: .robust).record.digest
        #expect(runner.run(seed: 5, variant: .robust).record.digest == first)
        #expect(runner.run(seed: 6, variant: .robust).record.digest != first)
    }
}
