import Foundation
import Testing
import Triage

@Suite("Report schema")
struct ReportSchemaTests {
    static func sampleReport() -> Report {
        Report(sweeps: [Fixtures.flakySweep(), Fixtures.damagingSweep(), Fixtures.stableSweep()])
    }

    @Test("encode then decode gives the same report")
    func roundTrip() throws {
        let report = Self.sampleReport()
        let decoded = try Report.decode(from: report.jsonData())
        #expect(decoded == report)
        #expect(try decoded.jsonData() == report.jsonData())
    }

    @Test("top-level and per-scenario keys are snake_case, sorted, with explicit nulls")
    func keys() throws {
        let data = try Self.sampleReport().jsonData()
        let text = String(decoding: data, as: UTF8.self)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.keys.sorted() == ["incomplete", "scenarios", "schema_version", "tool"])
        #expect(object["schema_version"] as? Int == 1)
        #expect(object["tool"] as? String == "chaos-run")
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["disk-full", "happy-path", "registry-outage"])
        #expect(scenarios[0].keys.sorted() == [
            "blind_policy", "description", "expectation", "failed", "failure_rate", "failure_rate_ci95", "figures",
            "file", "first_seed", "incomplete", "name", "passed", "policy", "policy_validation", "rerun_evidence",
            "runs", "seeds", "signatures", "variant", "verdict", "virtual_seconds", "wall_seconds",
        ])
        #expect(scenarios[0]["rerun_evidence"] is NSNull)
        #expect(scenarios[0]["policy_validation"] is NSNull)
        #expect(scenarios[0]["figures"] is NSNull)
        #expect(scenarios[0]["expectation"] is NSNull)
        let policy = try #require(scenarios[0]["policy"] as? [String: Any])
        #expect(policy["pytest_marker"] is NSNull)
        #expect(policy.keys.sorted() == [
            "action", "delay_seconds", "expected_cost_seconds", "more_runs_needed", "never_rerun", "nextest_profile",
            "only_rerun", "pytest_ini", "pytest_marker", "reason", "rerun_signatures", "reruns",
            "residual_failure_rate", "residual_failure_rate_ci95", "target",
        ])
        #expect(policy["pytest_ini"] is NSNull)
        #expect(policy["nextest_profile"] is NSNull)
        // Sorted keys appear in order in the text, and slashes are not escaped.
        let order = ["\"blind_policy\"", "\"description\"", "\"expectation\"", "\"failed\"", "\"failure_rate\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(text.contains("scenarios/disk.yaml"))
        #expect(!text.contains("\\/"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("byte-identical JSON whatever order records and sweeps arrived in")
    func orderIndependence() throws {
        let sweep = Fixtures.flakySweep()
        var generator = SplitMix(seed: 42)
        var shuffledSweep = sweep
        shuffledSweep.records.shuffle(using: &generator)
        shuffledSweep.rerunEvidence = RerunEvidence(
            failures: Fixtures.evidence.failures, runs: Fixtures.evidence.runs,
            rerunFailureRates: Fixtures.evidence.rerunFailureRates.shuffled(using: &generator), runSeconds: 10
        )
        #expect(shuffledSweep.records != sweep.records)
        let first = try Report(sweeps: [sweep, Fixtures.damagingSweep()]).jsonData()
        let second = try Report(sweeps: [Fixtures.damagingSweep(), shuffledSweep]).jsonData()
        #expect(first == second)
    }

    @Test("only wall_seconds differs between identical sweeps that took different wall time")
    func wallTimeFields() throws {
        let fast = String(decoding: try Report(sweeps: [Fixtures.flakySweep(wallSeconds: 1)]).jsonData(), as: UTF8.self)
        let slow = String(decoding: try Report(sweeps: [Fixtures.flakySweep(wallSeconds: 9)]).jsonData(), as: UTF8.self)
        let fastLines = fast.split(separator: "\n")
        let slowLines = slow.split(separator: "\n")
        #expect(fastLines.count == slowLines.count)
        let differing = zip(fastLines, slowLines).filter { $0 != $1 }
        #expect(differing.count == 1)
        #expect(differing.allSatisfy { $0.0.contains("\"wall_seconds\"") })
    }

    @Test("decodes a hand-written report")
    func handWritten() throws {
        let json = #"""
        {
          "schema_version": 1, "tool": "chaos-run", "incomplete": true,
          "scenarios": [{
            "name": "registry-outage", "variant": "default", "description": "", "file": "s.yaml",
            "seeds": 10, "first_seed": 100, "runs": 4, "passed": 3, "failed": 1,
            "failure_rate": 0.25, "failure_rate_ci95": [0.0456, 0.6994], "verdict": "flaky",
            "expectation": {"max_failure_rate": 0.1, "min_failure_rate": null, "max_damaging_rate": null, "met": false},
            "signatures": [{"id": "transient:registry.503", "summary": "503", "kind": "transient", "count": 1,
                            "seeds": [102], "replay": "chaos-run replay s.yaml --seed 102 --variant default"}],
            "policy": {"action": "rerun", "reruns": 1, "delay_seconds": 30, "only_rerun": ["^StatusError:"],
                       "never_rerun": [], "residual_failure_rate": 0.0005, "expected_cost_seconds": 10,
                       "residual_failure_rate_ci95": [0.00001, 0.0009], "more_runs_needed": null,
                       "pytest_marker": "@pytest.mark.flaky(reruns=1, reruns_delay=30)", "target": 0.001,
                       "reason": "hand-written"},
            "blind_policy": {"reruns": 2, "delay_seconds": 5, "residual_failure_rate": 0.01,
                             "expected_cost_seconds": 3, "hides_damage": false,
                             "pytest_marker": "@pytest.mark.flaky(reruns=2, reruns_delay=5)"},
            "rerun_evidence": {"failure_rate": 0.25, "failures": 1, "runs": 4, "run_seconds": 10,
                               "candidates": [{"delay_seconds": 30, "failure_rate": 0.002, "failures": 1, "trials": 500,
                                               "failure_rate_ci95": [0.0001, 0.0112], "clustered": false,
                                               "chain": [{"rerun": 1, "failures": 1, "trials": 500,
                                                          "failure_rate": 0.002, "failure_rate_ci95": [0.0001, 0.0112]}]
                                              }]},
            "virtual_seconds": 12.5, "wall_seconds": 0.75, "incomplete": true
          }]
        }
        """#
        let report = try Report.decode(from: Data(json.utf8))
        #expect(report.incomplete)
        #expect(!report.expectationsMet)
        let scenario = try #require(report.scenarios.first)
        #expect(scenario.firstSeed == 100)
        #expect(scenario.verdict == .flaky)
        #expect(scenario.expectation == .init(maxFailureRate: 0.1, met: false))
        #expect(scenario.signatures.first?.seeds == [102])
        #expect(scenario.policy.action == .rerun)
        #expect(scenario.policy.pytestMarker == "@pytest.mark.flaky(reruns=1, reruns_delay=30)")
        // A report written before rerun_signatures, pytest_ini and nextest_profile existed still reads.
        #expect(scenario.policy.onlyRerun == ["^StatusError:"])
        #expect(scenario.policy.rerunSignatures.isEmpty)
        #expect(scenario.policy.pytestIni == nil)
        let candidate = try #require(scenario.rerunEvidence?.candidates.first)
        #expect((candidate.delaySeconds, candidate.failures, candidate.trials) == (30, 1, 500))
        #expect(candidate.chain.map(\.trials) == [500])
        #expect(scenario.policy.residualFailureRateCI95 == [0.00001, 0.0009])
        #expect(scenario.wallSeconds == 0.75)
    }

    @Test("rejects a schema version it does not know")
    func unknownVersion() {
        let json = #"{"schema_version": 2, "tool": "chaos-run", "incomplete": false, "scenarios": []}"#
        #expect(throws: DecodingError.self) { try Report.decode(from: Data(json.utf8)) }
    }

    @Test("expectations: met when every stated one holds and nothing is incomplete")
    func expectations() {
        #expect(Self.sampleReport().expectationsMet)  // 6.8% ≤ 10%, 0% ≤ 0%, disk-full states none
        var strict = Fixtures.flakySweep()
        strict.maxFailureRate = 0.05
        let unmet = Report(sweeps: [strict, Fixtures.stableSweep()])
        #expect(unmet.scenarios.first { $0.name == "registry-outage" }?.expectation?.met == false)
        #expect(!unmet.expectationsMet)
        var interrupted = Fixtures.stableSweep()
        interrupted.incomplete = true
        let report = Report(sweeps: [interrupted])
        #expect(report.incomplete)
        #expect(!report.expectationsMet)
    }

    @Test("counts, Wilson interval and virtual time summed in seed order")
    func counts() throws {
        let scenario = try #require(Report(sweeps: [Fixtures.damagingSweep()]).scenarios.first)
        #expect(scenario.runs == 100 && scenario.passed == 92 && scenario.failed == 8 && scenario.seeds == 100)
        let interval = WilsonInterval(failures: 8, trials: 100)
        #expect(scenario.failureRateCI95 == [interval.lower, interval.upper])
        let expected = Fixtures.records(count: 100).reduce(0) { $0 + $1.virtualSeconds }
        #expect(scenario.virtualSeconds == expected)
    }
}

/// A small deterministic generator, so the shuffles in these tests are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
