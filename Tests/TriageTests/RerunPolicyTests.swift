import Testing
import Triage

@Suite("Rerun policy")
struct RerunPolicyTests {
    /// p = 7%, reruns right after a failure mostly fail again (the registry is still overloaded), reruns a minute
    /// later mostly pass; a run takes 30 s.
    static let evidence = RerunEvidence(
        failureRate: 0.07,
        rerunFailureRates: [
            .init(delaySeconds: 0, failureRate: 0.9, trials: 70),
            .init(delaySeconds: 5, failureRate: 0.6, trials: 70),
            .init(delaySeconds: 60, failureRate: 0.05, trials: 70),
            .init(delaySeconds: 120, failureRate: 0.02, trials: 70),
        ],
        runSeconds: 30
    )

    @Test("chooses the cheapest (k, d) that reaches the target, computed by hand")
    func handComputed() {
        // d = 0 and d = 5 would need 41 and 9 reruns (over the limit of 5). d = 60 needs k = 2 (0.07 · 0.05² =
        // 0.000175), costing 0.07 · 90 · 1.05 = 6.615 s; d = 120 needs k = 2 too but costs 0.07 · 150 · 1.02 = 10.71 s.
        let policy = RerunPolicyChooser().choose(Self.evidence, onlyRerun: ["ReadTimeout"])
        #expect(policy.action == .rerun)
        #expect(policy.reruns == 2)
        #expect(policy.delaySeconds == 60)
        #expect(abs(policy.residualFailureRate - 0.000175) < 1e-12)
        #expect(abs(policy.expectedCostSeconds - 6.615) < 1e-9)
        #expect(policy.pytestMarker == "@pytest.mark.flaky(reruns=2, reruns_delay=60, only_rerun=[\"ReadTimeout\"])")
    }

    @Test("a blind reruns=2, reruns_delay=5 leaves a residual 144 times the target")
    func blindPolicy() {
        let (residual, cost) = RerunPolicyChooser().evaluate(reruns: 2, delaySeconds: 5, evidence: Self.evidence)
        #expect(abs(residual - 0.0252) < 1e-12)  // 0.07 · 0.6²
        #expect(abs(cost - 3.92) < 1e-9)  // 0.07 · 35 · 1.6
    }

    @Test("no affordable policy reaches the target: quarantine")
    func quarantine() {
        let evidence = RerunEvidence(
            failureRate: 0.3, rerunFailureRates: [.init(delaySeconds: 30, failureRate: 0.5, trials: 100)],
            runSeconds: 10
        )
        let policy = RerunPolicyChooser().choose(evidence)
        #expect(policy.action == .quarantine)
        #expect(abs(policy.residualFailureRate - 0.3 * 0.5 * 0.5 * 0.5 * 0.5 * 0.5) < 1e-12)
        #expect(policy.pytestMarker == nil)
    }

    @Test("nothing to do when failures are absent or already under the target")
    func none() {
        let never = RerunEvidence(failureRate: 0, rerunFailureRates: [], runSeconds: 1)
        #expect(RerunPolicyChooser().choose(never).action == .none)
        let rare = RerunEvidence(failureRate: 0.0005, rerunFailureRates: [], runSeconds: 1)
        #expect(RerunPolicyChooser().choose(rare) == RerunPolicy(action: .none, residualFailureRate: 0.0005))
    }

    @Test("one rerun suffices when reruns almost always pass")
    func singleRerun() {
        let evidence = RerunEvidence(
            failureRate: 0.05, rerunFailureRates: [.init(delaySeconds: 1, failureRate: 0.01, trials: 500)],
            runSeconds: 2
        )
        let policy = RerunPolicyChooser().choose(evidence)
        #expect(policy.reruns == 1 && policy.delaySeconds == 1)
        #expect(abs(policy.residualFailureRate - 0.0005) < 1e-12)
        #expect(policy.pytestMarker == "@pytest.mark.flaky(reruns=1, reruns_delay=1)")
    }
}
