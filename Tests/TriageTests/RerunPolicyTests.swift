import Testing
import Triage

/// Bounds are Wilson 95% (z = 1.959964), computed by hand from W(f, n) = (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) /
/// (1 + z²/n) and quoted to four significant digits.
@Suite("Rerun policy")
struct RerunPolicyTests {
    /// p = 70 of 1000, reruns right after a failure mostly fail again (the registry is still overloaded), reruns a
    /// minute later mostly pass; each delay was measured once per failure (70 reruns); a run takes 30 s.
    static let evidence = RerunEvidence(
        failures: 70, runs: 1000,
        rerunFailureRates: [
            .init(delaySeconds: 0, failures: 63, trials: 70),
            .init(delaySeconds: 5, failures: 42, trials: 70),
            .init(delaySeconds: 60, failures: 3, trials: 70),
            .init(delaySeconds: 120, failures: 1, trials: 70),
        ],
        runSeconds: 30
    )

    @Test("chooses the cheapest (k, d) whose upper bound reaches the target, computed by hand")
    func handComputed() {
        // pU = W(70, 1000).upper = 0.08751. qU: W(63, 70) = 0.9507 and W(42, 70) = 0.7067, so d = 0 and d = 5 stay
        // above 0.1% at k = 5 (0.06797, 0.01542). d = 60: qU = W(3, 70).upper = 0.1186; k = 2 gives 0.08751 ·
        // 0.1186² = 0.001231 > 0.1% (the point estimate 0.07 · (3/70)² = 0.0129% would have taken it), k = 3 gives
        // 0.0001460 ✓ at cost 0.07 · 90 · (1 + 3/70 + (3/70)²) = 6.582 s. d = 120: qU = W(1, 70).upper = 0.07658,
        // k = 2 gives 0.0005133 ✓ but costs 0.07 · 150 · (1 + 1/70) = 10.65 s. So 3 reruns 60 s apart.
        let policy = RerunPolicyChooser().choose(Self.evidence, onlyRerun: ["ReadTimeout"])
        #expect(policy.action == .rerun)
        #expect(policy.reruns == 3)
        #expect(policy.delaySeconds == 60)
        #expect(abs(policy.residualFailureRate - 0.07 * 3 * 3 * 3 / (70.0 * 70 * 70)) < 1e-15)  // 5.510e-6
        #expect(abs((policy.residualCI95?.upper ?? 1) - 0.000_145_98) < 1e-8)
        // Lower end: W(70, 1000).lower · W(3, 70).lower³ = 0.05578 · 0.01468³ = 1.765e-7.
        #expect(abs((policy.residualCI95?.lower ?? 0) - 1.7651e-7) < 1e-10)
        #expect(abs(policy.expectedCostSeconds - 6.581_571_428) < 1e-6)
        #expect(policy.pytestMarker == "@pytest.mark.flaky(reruns=3, reruns_delay=60, only_rerun=[\"ReadTimeout\"])")
    }

    @Test("q = 0 of 2 reruns no longer buys a one-rerun policy: insufficient evidence, with the seeds it lacks")
    func zeroOfTwo() {
        // p = 2 of 100, q(0) = 0 of 2. Point estimates: one rerun leaves 0. Bounds: W(2, 100).upper = 0.07001,
        // W(0, 2).upper = z²/(2 + z²) = 0.6576; even 5 reruns leave 0.07001 · 0.6576⁵ = 0.008611 > 0.1%.
        // With N runs at the same rates (p̂ = 2%, N/50 reruns with q̂ = 0) the smallest N whose bound reaches 0.1% at
        // some k ≤ 5 is 225, found by trying N = 101, 102, … by hand-written script: 125 more.
        let evidence = RerunEvidence(
            failures: 2, runs: 100, rerunFailureRates: [.init(delaySeconds: 0, failures: 0, trials: 2)], runSeconds: 1
        )
        let policy = RerunPolicyChooser().choose(evidence)
        #expect(policy.action == .insufficientEvidence)
        #expect(policy.moreRunsNeeded == 125)
        #expect(policy.residualFailureRate == 0)
        #expect(abs((policy.residualCI95?.upper ?? 0) - 0.008_610_84) < 1e-8)
        #expect(policy.pytestMarker == nil)
    }

    @Test("a blind reruns=2, reruns_delay=5 leaves a residual 252 times the target")
    func blindPolicy() {
        let (residual, cost) = RerunPolicyChooser().evaluate(reruns: 2, delaySeconds: 5, evidence: Self.evidence)
        #expect(abs(residual - 0.0252) < 1e-12)  // 0.07 · 0.6²
        #expect(abs(cost - 3.92) < 1e-9)  // 0.07 · 35 · 1.6
    }

    @Test("no affordable policy reaches the target even at the point estimates: quarantine")
    func quarantine() {
        let evidence = RerunEvidence(
            failures: 30, runs: 100, rerunFailureRates: [.init(delaySeconds: 30, failures: 50, trials: 100)],
            runSeconds: 10
        )
        let policy = RerunPolicyChooser().choose(evidence)
        // 0.3 · 0.5⁵ = 0.9375% > 0.1%: more evidence at these rates cannot help.
        #expect(policy.action == .quarantine)
        #expect(policy.moreRunsNeeded == nil)
        #expect(abs(policy.residualFailureRate - 0.3 * 0.5 * 0.5 * 0.5 * 0.5 * 0.5) < 1e-12)
        // W(30, 100).upper · W(50, 100).upper⁵ = 0.3958 · 0.5961⁵ = 0.02981.
        #expect(abs((policy.residualCI95?.upper ?? 0) - 0.029_810_83) < 1e-8)
        #expect(policy.pytestMarker == nil)
    }

    @Test("nothing to do when nothing failed, or when p is under the target even at its upper bound")
    func none() {
        let never = RerunEvidence(failures: 0, runs: 100, rerunFailureRates: [], runSeconds: 1)
        #expect(RerunPolicyChooser().choose(never).action == .none)
        // 5 of 100,000: W.upper = 0.0001171 ≤ 0.1%.
        let rare = RerunEvidence(failures: 5, runs: 100_000, rerunFailureRates: [], runSeconds: 1)
        let policy = RerunPolicyChooser().choose(rare)
        #expect(policy.action == .none && policy.residualFailureRate == 0.000_05)
        #expect(abs((policy.residualCI95?.upper ?? 1) - 0.000_117_05) < 1e-8)
    }

    @Test("p under the target only as a point estimate is not enough: 5 of 10,000 needs 5351 more runs")
    func rareButUnproven() {
        // W(5, 10000).upper = 0.001170 > 0.1%; at p̂ = 0.05% the smallest N with W.upper ≤ 0.1% is 15351 (script).
        let rare = RerunEvidence(failures: 5, runs: 10_000, rerunFailureRates: [], runSeconds: 1)
        let policy = RerunPolicyChooser().choose(rare)
        #expect(policy.action == .insufficientEvidence)
        #expect(policy.moreRunsNeeded == 5351)
    }

    @Test("one rerun suffices when its upper bound does")
    func singleRerun() {
        // W(50, 1000).upper = 0.06531, W(2, 500).upper = 0.01447: 0.06531 · 0.01447 = 0.0009448 ≤ 0.1%.
        let evidence = RerunEvidence(
            failures: 50, runs: 1000, rerunFailureRates: [.init(delaySeconds: 1, failures: 2, trials: 500)],
            runSeconds: 2
        )
        let policy = RerunPolicyChooser().choose(evidence)
        #expect(policy.reruns == 1 && policy.delaySeconds == 1)
        #expect(abs(policy.residualFailureRate - 0.0002) < 1e-12)  // 0.05 · 0.004
        #expect(abs((policy.residualCI95?.upper ?? 1) - 0.000_944_81) < 1e-8)
        #expect(policy.pytestMarker == "@pytest.mark.flaky(reruns=1, reruns_delay=1)")
    }
}
