import Testing
import Triage

@Suite("Policy derivation")
struct PolicyDerivationTests {
    @Test("damaging failures mean fix: never rerun them, rerun nothing")
    func fixWhenDamaging() {
        let report = ScenarioReport(Fixtures.damagingSweep())
        #expect(report.policy.action == .fix)
        #expect(report.policy.neverRerun == ["damaging:service.partial_directory"])
        #expect(report.policy.onlyRerun.isEmpty)
        #expect(report.policy.reruns == 0)
        #expect(report.policy.pytestMarker == nil)
        #expect(report.policy.residualFailureRate == 0.08)
        #expect(report.policy.reason.hasPrefix(
            "damaging failures are never rerun, since a rerun would hide them; fix the cause: a partial directory"))
    }

    @Test("hang, timeout, crash and violation are never rerun either, and all of them are listed", arguments: [
        FailureKind.hang, .timeout, .crash, .violation,
    ])
    func fixForEveryNonTransientKind(kind: FailureKind) {
        let other = SeedFailure(kind: kind, signature: "\(kind):x", summary: "x")
        let sweep = VariantSweep(
            scenario: "s", variant: "v", file: "f", requestedSeeds: 10,
            records: Fixtures.records(
                count: 10, failures: [3: other, 4: Fixtures.partialDirectory, 5: Fixtures.registry503]
            ),
            rerunEvidence: Fixtures.evidence, replay: Fixtures.replay
        )
        let policy = ScenarioReport(sweep).policy
        #expect(policy.action == .fix)
        #expect(policy.neverRerun == ["\(kind):x", "damaging:service.partial_directory"].sorted())
    }

    @Test("transient failures get the cheapest policy whose upper bound reaches the target, computed by hand")
    func rerunHandComputed() {
        // p = 68 / 1000, Wilson 95% upper pU = 0.08531. qU = W(61, 68) = 0.9492 and W(34, 68) = 0.6156: d = 0 and
        // d = 5 stay above 0.1% at k = 5 (0.06575, 0.007544). d = 30: qU = W(3, 68).upper = 0.1219, k = 2 leaves
        // 0.08531 · 0.1219² = 0.1267% > 0.1%, k = 3 leaves 0.01544% ✓, costing 0.068 · (30 + 10) · (1 + 3/68 +
        // (3/68)²) = 2.8453 s. d = 120: qU = W(1, 68).upper = 0.07871, k = 2 leaves 0.05285% ✓ but costs
        // 0.068 · 130 · (1 + 1/68) = 8.97 s. The point estimate is 0.068 · (3/68)³ = 5.839e-6.
        let report = ScenarioReport(Fixtures.flakySweep())
        #expect(report.failureRate == 0.068)
        let policy = report.policy
        #expect(policy.action == .rerun)
        #expect(policy.reruns == 3)
        #expect(policy.delaySeconds == 30)
        #expect(abs(policy.residualFailureRate - 0.068 * 27 / (68.0 * 68 * 68)) < 1e-15)
        let interval = policy.residualFailureRateCI95 ?? []
        #expect(interval.count == 2)
        #expect(abs((interval.last ?? 0) - 0.000_154_43) < 1e-8)
        #expect(abs((interval.first ?? 1) - 1.8651e-7) < 1e-10)  // W(68, 1000).lower · W(3, 68).lower³
        #expect(abs(policy.expectedCostSeconds - 2.845_294_117) < 1e-6)
        #expect(policy.rerunSignatures == ["transient:http.read_timeout", "transient:registry.503"])
        #expect(policy.neverRerun.isEmpty)
        // The sweep names no real error patterns, and a signature id never matches a real failure's text.
        #expect(policy.onlyRerun.isEmpty)
        #expect(policy.pytestMarker == "@pytest.mark.flaky(reruns=3, reruns_delay=30)")
        #expect(policy.reason == "p = 6.8% (68 of 1000), q(30 s) = 4.4% (3 of 68 reruns failed): 3 reruns "
            + "30 s apart leave 5.8e-04% (95% CI [1.9e-05%, 0.015%]) ≤ 0.1% at the upper bound, "
            + "costing 2.845 s per run on average; only_rerun is left out, so the reruns apply to every failure, "
            + "because rerun.real_errors in the scenario names no real error pattern for transient:registry.503 "
            + "and 1 more")
        #expect(report.passesCI)
    }

    @Test("real error patterns become only_rerun, in the marker, the pytest.ini options and beside the nextest profile")
    func rerunWithRealErrors() {
        var sweep = Fixtures.flakySweep()
        sweep.rerunSettings.realErrors = [
            RealErrorPattern(signature: "transient:http.*", patterns: [#"^ReadTimeoutError: .*Read timed out\."#]),
            RealErrorPattern(signature: "transient:registry.503", patterns: ["^StatusError: HTTPError: 503 "]),
        ]
        let policy = ScenarioReport(sweep).policy
        #expect(policy.onlyRerun == [#"^ReadTimeoutError: .*Read timed out\."#, "^StatusError: HTTPError: 503 "])
        // A Python string literal: the regex's one backslash is written twice.
        #expect(policy.pytestMarker == #"@pytest.mark.flaky(reruns=3, reruns_delay=30, only_rerun=["#
            + #""^ReadTimeoutError: .*Read timed out\\.", "^StatusError: HTTPError: 503 "])"#)
        #expect(!policy.reason.contains("only_rerun"))
        // The trailing space cannot survive an ini file, so there is no ini form; the marker keeps it.
        #expect(policy.pytestIni == nil)
        #expect(policy.nextestProfile == "[profile.ci]\nretries = { backoff = \"fixed\", count = 3, delay = \"30s\" }")
    }

    @Test("the pytest.ini form lists one only_rerun pattern per line, as the plugin's linelist option reads them")
    func pytestIni() {
        var sweep = Fixtures.flakySweep()
        sweep.rerunSettings.realErrors = [
            RealErrorPattern(signature: "transient:*", patterns: ["^ReadTimeoutError:", "^ConnectionError:"]),
        ]
        let policy = ScenarioReport(sweep).policy
        #expect(policy.pytestIni == """
            [pytest]
            reruns = 3
            reruns_delay = 30
            only_rerun =
                ^ConnectionError:
                ^ReadTimeoutError:
            """)
    }

    @Test("a signature without real error patterns leaves only_rerun out, and the reason names it")
    func partlyMapped() {
        var sweep = Fixtures.flakySweep()
        sweep.rerunSettings.realErrors = [
            RealErrorPattern(signature: "transient:http.read_timeout", patterns: ["^ReadTimeoutError:"]),
        ]
        let policy = ScenarioReport(sweep).policy
        #expect(policy.onlyRerun.isEmpty)
        #expect(policy.pytestMarker == "@pytest.mark.flaky(reruns=3, reruns_delay=30)")
        #expect(policy.reason.hasSuffix("names no real error pattern for transient:registry.503"))
    }

    @Test("no measured reruns: every rerun is assumed to fail, so quarantine")
    func quarantineWithoutEvidence() {
        var sweep = Fixtures.flakySweep()
        sweep.rerunEvidence = nil
        let policy = ScenarioReport(sweep).policy
        #expect(policy.action == .quarantine)
        #expect(policy.residualFailureRate == 0.068)
        #expect(policy.reason.contains("assumed to fail (q = 1)"))
        #expect(!ScenarioReport(sweep).passesCI)
    }

    @Test("measured reruns that never reach the target: quarantine, with the best residual")
    func quarantineWithEvidence() {
        var sweep = Fixtures.flakySweep()
        sweep.rerunEvidence = RerunEvidence(
            failures: 68, runs: 1000, rerunFailureRates: [.init(delaySeconds: 60, failures: 34, trials: 68)],
            runSeconds: 10
        )
        let policy = ScenarioReport(sweep).policy
        #expect(policy.action == .quarantine)
        #expect(policy.moreRunsNeeded == nil)
        #expect(abs(policy.residualFailureRate - 0.068 / 32) < 1e-12)  // 0.068 · 0.5⁵, > 0.1% even as an estimate
        // Upper: W(68, 1000).upper · W(34, 68).upper⁵ = 0.08531 · 0.6156⁵ = 0.7544%.
        #expect(policy.reason.contains("even 5 reruns leave 0.21% (95% CI ["))
        #expect(policy.reason.contains(", 0.75%]) > 0.1%"))
    }

    @Test("nothing failed: no action")
    func noneWhenStable() {
        let report = ScenarioReport(Fixtures.stableSweep())
        #expect(report.policy.action == .none)
        #expect(report.policy.residualFailureRate == 0)
        #expect(report.blindPolicy.residualFailureRate == 0)
        #expect(!report.blindPolicy.hidesDamage)
    }

    @Test("the blind reruns=2, reruns_delay=5 policy: residual and cost from q(5), and whether it hides damage")
    func blindPolicy() {
        let flaky = ScenarioReport(Fixtures.flakySweep()).blindPolicy
        #expect(flaky.reruns == 2 && flaky.delaySeconds == 5)
        #expect(abs(flaky.residualFailureRate - 0.017) < 1e-12)  // 0.068 · (34/68)²
        #expect(abs(flaky.expectedCostSeconds - 1.53) < 1e-9)  // 0.068 · (5 + 10) · 1.5
        #expect(!flaky.hidesDamage)
        #expect(flaky.pytestMarker == "@pytest.mark.flaky(reruns=2, reruns_delay=5)")

        let damaging = ScenarioReport(Fixtures.damagingSweep()).blindPolicy
        #expect(damaging.hidesDamage)
        #expect(damaging.residualFailureRate == 0.08)  // no evidence: q = 1, so the failure rate itself
    }
}
