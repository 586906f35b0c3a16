import ChaosNet
import ChaosComponents
import Scenarios
import Testing
import Triage

/// Scenarios built in code, as a test author would: the runner classifies what each seed ends with.
@Suite("ScenarioRunner")
struct ScenarioRunnerTests {
    /// Service creation under a black hole that swallows the registry's replies during [1 s, 40 s): the naive
    /// creation breaks invariants (damaging), the robust one answers 503 (transient) and passes when rerun later.
    static func blackHole(workload component: String = "service-manager") -> ScenarioFile {
        ScenarioFile(
            name: "black-hole", description: "A black hole on the registry mid-download.", seedCount: 4,
            timeLimit: .seconds(600),
            topology: TopologySpec(
                registry: RegistrySpec(packages: [PackageSpec(name: "app", fileCount: 10, byteCount: 600_000)]),
                defaultLink: LinkConditions(latency: .milliseconds(20), bandwidthBytesPerSecond: 500_000)),
            faults: [
                Fault(
                    name: "black-hole", kind: .timeout(closeAfter: nil),
                    target: .service(host: "registry", port: 5001), direction: .downstream,
                    activity: .windows([FaultWindow(start: .milliseconds(500), end: .seconds(200))])),
            ],
            workload: WorkloadSpec(component: component))
    }

    @Test("naive service creation under a black hole is damaging: partial directory, burned id, escaped error")
    func naiveDamaging() throws {
        let runner = try ScenarioRunner(scenario: Self.blackHole())
        let run = runner.run(seed: 1, variant: .naive)
        let failure = try #require(run.record.failure)
        #expect(failure.kind == .damaging)
        #expect(failure.signature
            == "damaging:service-manager:500:read_timeout:no_burned_ids+no_escaped_errors+no_partial_directories")
    }

    @Test("robust service creation under a black hole fails transiently, and a rerun after the fault passes")
    func robustTransient() throws {
        let runner = try ScenarioRunner(scenario: Self.blackHole())
        let run = runner.run(seed: 1, variant: .robust)
        let failure = try #require(run.record.failure)
        #expect(failure.kind == .transient)
        #expect(failure.signature == "transient:service-manager:503:read_timeout")
        let early = runner.run(seed: 1, variant: .robust, rerunAfter: .seconds(1))
        #expect(early.rerunPassed == false)
        let late = runner.run(seed: 1, variant: .robust, rerunAfter: .seconds(120))
        #expect(late.rerunPassed == true)
        #expect(late.record.failure == run.record.failure, "a rerun must not change the first run's failure")
    }

    @Test("the same seed gives the same record and digest; different seeds differ")
    func deterministic() throws {
        let runner = try ScenarioRunner(scenario: Self.blackHole())
        let first = runner.run(seed: 3, variant: .robust)
        let again = try ScenarioRunner(scenario: Self.blackHole()).run(seed: 3, variant: .robust)
        #expect(first.record == again.record)
        #expect(first.record.digest != runner.run(seed: 4, variant: .robust).record.digest)
    }
}
