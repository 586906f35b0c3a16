/// The one-line reason for a chosen rerun policy, with the counts behind every rate so a reader can redo the
/// arithmetic: e.g. "p = 6.8% (68 of 1000), q(30 s) = 4% (2 of 50 reruns failed): 2 reruns 30 s apart leave 0.011%
/// (95% CI [0.0004%, 0.09%]) ≤ 0.1%, costing 2.1 s per run on average". Shared by sweeps and CI histories.
struct PolicyReason {
    var evidence: RerunEvidence
    /// False when q was never measured and every rerun is assumed to fail.
    var measured: Bool
    var settings: RerunSettings
    /// What one more run is called: "seeds" in a sweep, "runs" in a CI history.
    var unit: String
    /// What a measured rerun is called: "reruns" in a sweep, "retries within runs" in a CI history.
    var rerunNoun = "reruns"

    func text(_ policy: RerunPolicy) -> String {
        let target = ReportFormat.percent(settings.target)
        let p = "p = \(ReportFormat.percent(evidence.failureRate)) (\(evidence.failures) of \(evidence.runs))"
        switch policy.action {
        case .none:
            return "\(p) ≤ the target \(target) even at its 95% upper bound \(upper(policy)): no reruns needed"
        case .rerun:
            let candidate = evidence.rerunFailureRates.first { $0.delaySeconds == policy.delaySeconds }
            let delay = ReportFormat.seconds(policy.delaySeconds)
            let spacing = policy.reruns == 1
                ? "1 rerun \(delay) after a failure leaves" : "\(policy.reruns) reruns \(delay) apart leave"
            return "\(p), \(candidate.map(describe) ?? "q(\(delay)) = 100%"): \(spacing) "
                + "\(residual(policy)) ≤ \(target) at the upper bound, costing "
                + "\(ReportFormat.seconds(policy.expectedCostSeconds)) per run on average"
        case .insufficientEvidence, .quarantine, .fix:
            guard measured else {
                return "\(p) and no rerun was measured, so every rerun is assumed to fail (q = 1): "
                    + "quarantine until reruns are measured or the cause is fixed"
            }
            let best = nearest.map { ", best " + describe($0) } ?? ""
            let bound = "\(settings.rerunsMax) reruns leave \(residual(policy))"
            guard policy.action == .insufficientEvidence else {
                return "\(p)\(best): even \(bound) > \(target): quarantine until the cause is fixed"
            }
            // The unit is a plural ("seeds", "runs"): one more seed, not one more seeds.
            let more = policy.moreRunsNeeded.map { "about \($0) more \($0 == 1 ? String(unit.dropLast()) : unit)" }
                ?? "more \(unit)"
            return "\(p)\(best): the estimates would reach \(target), but too little evidence to be sure "
                + "(\(bound), whose upper bound is above the target); \(more) at these rates would settle it"
        }
    }

    /// "q(30 s) = 4% (2 of 50 reruns failed)", plus the q_j when failures cluster.
    private func describe(_ candidate: RerunEvidence.Candidate) -> String {
        let delay = ReportFormat.seconds(candidate.delaySeconds)
        let first = candidate.first
        var text = "q(\(delay)) = \(ReportFormat.percent(first.rate)) "
            + "(\(first.failures) of \(first.trials) \(rerunNoun) failed)"
        if candidate.clustered {
            let later = candidate.conditional.enumerated().dropFirst().map { index, count in
                "q_\(index + 1) = \(count.failures) of \(count.trials)"
            }
            text += "; failures cluster (\(later.joined(separator: ", "))), so each rerun uses its own q_j"
        }
        return text
    }

    /// The candidate whose bound comes nearest the target with every rerun allowed.
    private var nearest: RerunEvidence.Candidate? {
        evidence.rerunFailureRates.min { first, second in
            let a = RerunResidual(evidence: evidence, candidate: first, reruns: settings.rerunsMax)
            let b = RerunResidual(evidence: evidence, candidate: second, reruns: settings.rerunsMax)
            return (a.upper, a.estimate, first.delaySeconds) < (b.upper, b.estimate, second.delaySeconds)
        }
    }

    private func residual(_ policy: RerunPolicy) -> String {
        let point = ReportFormat.percent(policy.residualFailureRate)
        guard let interval = policy.residualCI95 else { return point }
        return "\(point) (95% CI \(ReportFormat.percentInterval([interval.lower, interval.upper])))"
    }

    private func upper(_ policy: RerunPolicy) -> String {
        ReportFormat.percent(policy.residualCI95?.upper ?? policy.residualFailureRate)
    }
}
