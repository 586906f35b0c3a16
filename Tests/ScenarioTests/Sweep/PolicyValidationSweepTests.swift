import Foundation
import Scenarios
import Testing
import Triage

/// Rerun chains and held-out validation on a world whose failures cluster (`EpisodicFetch`): the measured q_j, the
/// chosen policy applied to seeds the sweep never ran, and both in report.json.
@Suite("Policy validation on held-out seeds")
struct PolicyValidationSweepTests {
    static let sweptSeeds = 400
    static let heldOutSeeds = 150

    static func runner() throws -> ScenarioRunner {
        let text = EpisodicFetch.scenarioText(seeds: sweptSeeds, validationSeeds: heldOutSeeds)
        let scenario = try ScenarioLoader.parse(text, path: "episodic.yaml", drivers: EpisodicFetch.drivers)
        return try ScenarioRunner(scenario: scenario, drivers: EpisodicFetch.drivers, file: "episodic.yaml")
    }

    /// One sweep shared by the tests: it is the slow part, and every test only reads it.
    static let shared: VariantSweep? = try? runner().sweep(variant: "once", seeds: 1..<UInt64(sweptSeeds + 1))

    static func sweep() throws -> VariantSweep {
        _ = try runner()  // a file that does not load fails here, with its error
        return try #require(shared)
    }

    @Test("in an episodic world a second rerun fails more often than the first: q_2 > q_1, and the chains say so")
    func secondRerunFailsMoreOften() throws {
        let evidence = try #require(try Self.sweep().rerunEvidence)
        let soon = try #require(evidence.rerunFailureRates.first { $0.delaySeconds == 5 })
        #expect(soon.conditional.count >= 2, "chains of up to max_reruns reruns were measured")
        let q1 = soon.conditional[0]
        let q2 = soon.conditional[1]
        #expect(q2.trials == q1.failures, "rerun 2 is tried by exactly the chains whose rerun 1 failed")
        #expect(q2.rate > q1.rate, "q_1 = \(q1.failures)/\(q1.trials), q_2 = \(q2.failures)/\(q2.trials)")
        #expect(soon.clustered, "q_2's interval \(q2.interval) lies above q_1's \(q1.interval)")
        // Charged with the q_j, five reruns 5 s apart leave far more than independence would say.
        let clustered = RerunResidual(evidence: evidence, candidate: soon, reruns: 5)
        let independent = evidence.failureRate * pow(q1.rate, 5)
        #expect(clustered.estimate > 2 * independent, "clustered \(clustered.estimate), independent \(independent)")
    }

    @Test("the chosen policy runs on held-out seeds after the swept range; its counts are those of direct runs")
    func heldOutSeedsAreRunWithThePolicy() throws {
        let sweep = try Self.sweep()
        let report = ScenarioReport(sweep)
        #expect(report.policy.action == .rerun, "\(report.policy.reason)")
        let validation = try #require(sweep.policyValidation)
        #expect(validation.firstSeed == UInt64(Self.sweptSeeds + 1))
        #expect(validation.seeds == Self.heldOutSeeds)
        #expect(validation.reruns == report.policy.reruns)
        #expect(validation.delaySeconds == report.policy.delaySeconds)
        #expect(validation.predictedResidual == report.policy.residualFailureRate)
        #expect(validation.predictedResidualCI95 == report.policy.residualFailureRateCI95)
        // The same seeds run one by one with the policy, counted here without PolicyValidation.
        let runner = try Self.runner()
        var firstFailures = 0
        var residual = 0
        var rescued = Array(repeating: 0, count: validation.reruns)
        for seed in validation.firstSeed..<(validation.firstSeed + UInt64(validation.seeds)) {
            let run = runner.run(
                seed: seed, variant: "once", rerunAfter: .seconds(validation.delaySeconds), reruns: validation.reruns)
            guard !run.record.passed else { continue }
            firstFailures += 1
            if let pass = run.rerunResults.firstIndex(of: true) { rescued[pass] += 1 } else { residual += 1 }
        }
        #expect(validation.firstRunFailures == firstFailures)
        #expect(validation.rescuedByRerun == rescued)
        #expect(validation.residualFailures == residual)
        #expect(validation.observedResidual == Double(residual) / Double(Self.heldOutSeeds))
        #expect(firstFailures > 0, "the held-out seeds exercise the policy's reruns")
        #expect(validation.agreement != .worseThanPredicted, "\(validation.summary)")
        #expect(report.passesCI == (report.policy.residualFailureRate <= report.policy.target))
    }

    @Test("report.json, report.md and the console carry the validation beside the prediction")
    func reportsHoldTheValidation() throws {
        let sweep = try Self.sweep()
        let validation = try #require(sweep.policyValidation)
        let report = Report(sweeps: [sweep])
        let json = try #require(
            try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        let written = try #require(scenarios.first?["policy_validation"] as? [String: Any])
        #expect(written["seeds"] as? Int == validation.seeds)
        #expect(written["first_seed"] as? Int == Int(validation.firstSeed))
        #expect(written["residual_failures"] as? Int == validation.residualFailures)
        // Foundation's JSON parser may miss the last bit of a double; the decoder below checks the exact values.
        let observedUpper = try #require((written["observed_residual_ci95"] as? [Double])?.last)
        #expect(abs(observedUpper - validation.observedResidualCI95[1]) < 1e-12)
        let predicted = try #require(written["predicted_residual"] as? Double)
        #expect(abs(predicted - validation.predictedResidual) < 1e-12)
        #expect(written["agreement"] as? String == validation.agreement.rawValue)
        #expect((written["chain"] as? [[String: Any]])?.count == validation.chain.count)
        let decoded = try JSONDecoder().decode(Report.self, from: report.jsonData())
        #expect(decoded.scenarios.first?.policyValidation == validation)
        #expect(MarkdownReport.render(report).contains("- Validation: \(validation.summary)."))
        #expect(ConsoleSummary.text(report).contains("    validation: \(validation.summary)"))
    }

    @Test("validation_seeds: 0 turns validation off")
    func validationOff() throws {
        let text = EpisodicFetch.scenarioText(seeds: 60, validationSeeds: 0)
        let scenario = try ScenarioLoader.parse(text, path: "episodic.yaml", drivers: EpisodicFetch.drivers)
        let runner = try ScenarioRunner(scenario: scenario, drivers: EpisodicFetch.drivers, file: "episodic.yaml")
        let sweep = runner.sweep(variant: "once", seeds: 1..<61)
        #expect(sweep.rerunEvidence != nil)
        #expect(sweep.policyValidation == nil)
    }
}
