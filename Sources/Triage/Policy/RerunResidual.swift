/// The residual failure rate of k reruns at one candidate delay, p · q_1 · … · q_k, as a point estimate with a
/// conservative 95% interval, and its expected cost.
///
/// The interval multiplies the Wilson 95% bounds of each factor. Each bound is one-sided 97.5%, so by the union
/// bound the upper end covers the product with at least 1 − (k + 1) · 2.5% (95% for one rerun), and only more when
/// the factors are independent; it is the bound the chooser must reach, never the point estimate.
///
/// Which q_j: reruns are assumed to fail independently (q_j = q_1 = q(d)) unless the measured chains show
/// clustering, i.e. some q_j (j ≥ 2) whose Wilson interval lies wholly above q_1's. Then each rerun j uses its own
/// q_j, and a q_j nobody reached (no chain failed that often) counts as 1: assuming independence against the
/// evidence is exactly the error this replaces.
public struct RerunResidual: Sendable, Equatable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// Expected extra seconds per run: p · (d + T) · (1 + q_1 + q_1 q_2 + … + q_1 ⋯ q_(k−1)), from point estimates.
    public var costSeconds: Double

    /// The residual of `reruns` reruns at `candidate`, with every count's trials multiplied by `scale` (1 for the
    /// evidence as measured; more to ask what the same rates would prove with more evidence).
    public init(evidence: RerunEvidence, candidate: RerunEvidence.Candidate, reruns: Int, scale: Double = 1) {
        let p = RerunEvidence.Count(failures: evidence.failures, trials: evidence.runs)
        var bounds = Self.bounds(p, scale: scale)
        var estimate = p.rate
        var survivors = p.rate  // probability that a chain is still failing before the next rerun
        var cost = 0.0
        for rerun in stride(from: 1, through: reruns, by: 1) {
            cost += survivors * (candidate.delaySeconds + evidence.runSeconds)
            let q = candidate.factor(rerun)
            let qBounds = Self.bounds(q, scale: scale)
            bounds = (bounds.lower * qBounds.lower, bounds.upper * qBounds.upper)
            estimate *= q.rate
            survivors *= q.rate
        }
        self.estimate = estimate
        lower = bounds.lower
        upper = bounds.upper
        costSeconds = cost
    }

    private static func bounds(_ count: RerunEvidence.Count, scale: Double) -> (lower: Double, upper: Double) {
        // An unmeasured factor stays unmeasured however far the evidence is scaled.
        guard count.trials > 0 else { return (0, 1) }
        let interval = WilsonInterval(rate: count.rate, trials: Double(count.trials) * scale)
        return (interval.lower, interval.upper)
    }
}

extension RerunEvidence.Candidate {
    /// True when the measured chains show that failures cluster: some q_j (j ≥ 2) whose Wilson interval lies wholly
    /// above q_1's, so that a second rerun fails measurably more often than the first.
    public var clustered: Bool {
        let firstUpper = first.interval.upper
        return conditional.dropFirst().contains { $0.trials > 0 && $0.interval.lower > firstUpper }
    }

    /// The count rerun `j` (1-based) is charged with: q_1 unless the chains cluster, then q_j (0 of 0 if unreached).
    func factor(_ j: Int) -> RerunEvidence.Count {
        guard j > 1, clustered else { return first }
        return j <= conditional.count ? conditional[j - 1] : RerunEvidence.Count(failures: 0, trials: 0)
    }
}
