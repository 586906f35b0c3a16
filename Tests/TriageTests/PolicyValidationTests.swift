import Foundation
import Testing
import Triage

/// `PolicyValidation` from scripted held-out outcomes: what counts as rescued, what stays a residual failure, and how
/// the observed interval is compared with the predicted one.
@Suite("Policy validation")
struct PolicyValidationTests {
    static func policy(reruns: Int, residual: Double, interval: (Double, Double)) -> RerunPolicy {
        RerunPolicy(
            action: .rerun, reruns: reruns, delaySeconds: 30, residualFailureRate: residual,
            residualCI95: WilsonInterval(lower: interval.0, upper: interval.1))
    }

    static let passed = PolicyValidation.SeedOutcome(failure: nil, reruns: [])

    static func transient(_ reruns: [Bool]) -> PolicyValidation.SeedOutcome {
        PolicyValidation.SeedOutcome(failure: .transient, reruns: reruns)
    }

    @Test("rescues count by the rerun that passed; chains that never pass and failures never rerun are residual")
    func counts() {
        let outcomes = Array(repeating: Self.passed, count: 94) + [
            Self.transient([true]), Self.transient([false, true]), Self.transient([false, true]),
            Self.transient([false, false]),
            // Damage on the first rerun ends the chain short of k: still a residual failure.
            Self.transient([false]),
            PolicyValidation.SeedOutcome(failure: .damaging, reruns: []),
        ]
        let validation = PolicyValidation(
            policy: Self.policy(reruns: 2, residual: 0.01, interval: (0.001, 0.05)), firstSeed: 1001,
            outcomes: outcomes)
        #expect(validation.seeds == 100)
        #expect(validation.firstSeed == 1001)
        #expect(validation.firstRunFailures == 6)
        #expect(validation.rescuedByRerun == [1, 2])
        #expect(validation.residualFailures == 3)
        #expect(validation.neverRerun == 1)
        #expect(validation.observedResidual == 0.03)
        let interval = WilsonInterval(failures: 3, trials: 100)
        #expect(validation.observedResidualCI95 == [interval.lower, interval.upper])
        // Chains: [t], [f, t], [f, t], [f, f], [f]: rerun 1 failed 4 of 5, rerun 2 failed 1 of 3.
        #expect(validation.chain.map(\.failures) == [4, 1])
        #expect(validation.chain.map(\.trials) == [5, 3])
        // p = 6%, q_1 = 80%: independence would predict 6% · 0.8².
        #expect(abs(validation.independentResidual - 0.06 * 0.8 * 0.8) < 1e-12)
        #expect(validation.agreement == .consistent)
    }

    @Test("an observed interval wholly above the prediction refutes it; wholly below, the prediction was pessimistic")
    func agreement() {
        let failing = Array(repeating: Self.transient([false]), count: 30) + Array(repeating: Self.passed, count: 70)
        let worse = PolicyValidation(
            policy: Self.policy(reruns: 1, residual: 0.001, interval: (0, 0.01)), firstSeed: 1, outcomes: failing)
        #expect(worse.agreement == .worseThanPredicted)
        #expect(worse.summary.hasSuffix("worse than predicted: the prediction is refuted"))
        let clean = Array(repeating: Self.passed, count: 1000)
        let better = PolicyValidation(
            policy: Self.policy(reruns: 1, residual: 0.2, interval: (0.1, 0.3)), firstSeed: 1, outcomes: clean)
        #expect(better.agreement == .betterThanPredicted)
        #expect(better.summary == "on 1000 held-out seeds 1 rerun 30 s apart left 0% (0 of 1000, 95% CI [0%, "
            + "\(ReportFormat.percent(WilsonInterval(failures: 0, trials: 1000).upper))]) beside the predicted 20% "
            + "(95% CI [10%, 30%]): better than predicted")
    }

    @Test("a policy of no reruns leaves every failure as it is")
    func noReruns() {
        let outcomes = [Self.passed, Self.transient([]), Self.passed, Self.passed]
        let validation = PolicyValidation(
            policy: RerunPolicy(action: .none, residualFailureRate: 0.2, residualCI95: WilsonInterval(lower: 0.1,
                                                                                                      upper: 0.3)),
            firstSeed: 5, outcomes: outcomes)
        #expect(validation.residualFailures == 1)
        #expect(validation.rescuedByRerun.isEmpty)
        #expect(validation.chain.isEmpty)
        #expect(validation.independentResidual == 0.25)
        #expect(validation.summary.hasPrefix("on 4 held-out seeds no reruns left 25%"))
    }

    @Test("q_j from chains that stop at their first pass")
    func conditionalRates() {
        let counts = RerunEvidence.conditional([[true], [false, true], [false, false, false], [false, false, true]])
        #expect(counts.map(\.failures) == [3, 2, 1])
        #expect(counts.map(\.trials) == [4, 3, 2])
        #expect(RerunEvidence.conditional([]).isEmpty)
    }

    @Test("report.json keys are snake_case and round-trip exactly")
    func coding() throws {
        let validation = PolicyValidation(
            policy: Self.policy(reruns: 2, residual: 0.01, interval: (0.001, 0.05)), firstSeed: 7,
            outcomes: [Self.passed, Self.transient([false, true])])
        let data = try JSONEncoder().encode(validation)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        #expect(keys == [
            "agreement", "chain", "delay_seconds", "first_run_failures", "first_seed", "independent_residual",
            "never_rerun", "observed_residual", "observed_residual_ci95", "predicted_residual",
            "predicted_residual_ci95", "reruns", "rescued_by_rerun", "residual_failures", "seeds",
        ])
        #expect(try JSONDecoder().decode(PolicyValidation.self, from: data) == validation)
    }
}
