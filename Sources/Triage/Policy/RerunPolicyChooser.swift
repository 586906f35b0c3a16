/// Chooses the cheapest rerun policy that evidence says is good enough.
///
/// With p the failure rate and q(d) the failure rate of a rerun started d after a failure, k reruns leave a residual
/// failure rate of p · q(d)^k. A policy (k, d) is good enough when that residual is at most the target. Its cost is
/// the expected extra time per run: a failure (probability p) triggers the first rerun, each failed rerun
/// (probability q(d)) the next, and each rerun costs d plus the run time T:
///     cost(k, d) = p · (d + T) · (1 + q + … + q^(k−1)).
/// The chooser returns the cheapest good-enough policy (fewest reruns on ties, then shortest delay), never more than
/// `rerunsMax` reruns.
public struct RerunPolicyChooser: Sendable {
    /// The residual failure rate a policy must reach (default 0.1%).
    public var target: Double
    /// The most reruns a policy may use.
    public var rerunsMax: Int

    public init(target: Double = 0.001, rerunsMax: Int = 5) {
        precondition(target > 0 && target < 1, "the target must lie strictly between 0 and 1")
        precondition(rerunsMax >= 1, "a policy needs room for at least one rerun")
        self.target = target
        self.rerunsMax = rerunsMax
    }

    /// The policy for evidence about transient failures. Callers decide `fix` themselves when any signature is
    /// damaging, a hang, a timeout or a crash: those are never rerun.
    public func choose(_ evidence: RerunEvidence, onlyRerun: [String] = []) -> RerunPolicy {
        let p = evidence.failureRate
        if p == 0 { return RerunPolicy(action: .none, residualFailureRate: 0) }
        if p <= target {
            return RerunPolicy(action: .none, residualFailureRate: p)
        }
        var best: (cost: Double, reruns: Int, delay: Double, residual: Double)?
        for candidate in evidence.rerunFailureRates.sorted(by: { $0.delaySeconds < $1.delaySeconds }) {
            let q = candidate.failureRate
            var residual = p
            var geometric = 0.0
            var power = 1.0
            for reruns in 1...rerunsMax {
                residual *= q
                geometric += power
                power *= q
                guard residual <= target else { continue }
                let cost = p * (candidate.delaySeconds + evidence.runSeconds) * geometric
                if let current = best,
                   (current.cost, current.reruns, current.delay) <= (cost, reruns, candidate.delaySeconds)
                {
                    break
                }
                best = (cost, reruns, candidate.delaySeconds, residual)
                break
            }
        }
        guard let best else {
            let bestResidual = evidence.rerunFailureRates.map { p * pow(q: $0.failureRate, rerunsMax) }.min() ?? p
            return RerunPolicy(action: .quarantine, residualFailureRate: bestResidual)
        }
        return RerunPolicy(
            action: .rerun, reruns: best.reruns, delaySeconds: best.delay, residualFailureRate: best.residual,
            expectedCostSeconds: best.cost, onlyRerun: onlyRerun
        )
    }

    /// The residual failure rate and cost of a given policy, e.g. a blind `reruns=2, reruns_delay=5`, for comparison.
    /// Uses the measured q of the nearest candidate delay not longer than `delaySeconds` (or the shortest one).
    public func evaluate(reruns: Int, delaySeconds: Double, evidence: RerunEvidence) -> (residual: Double, cost: Double) {
        let sorted = evidence.rerunFailureRates.sorted { $0.delaySeconds < $1.delaySeconds }
        let q = (sorted.last { $0.delaySeconds <= delaySeconds } ?? sorted.first)?.failureRate ?? 1
        let p = evidence.failureRate
        var geometric = 0.0
        var power = 1.0
        for _ in 0..<reruns {
            geometric += power
            power *= q
        }
        return (p * power, p * (delaySeconds + evidence.runSeconds) * geometric)
    }
}

private func pow(q: Double, _ exponent: Int) -> Double {
    (0..<exponent).reduce(1.0) { value, _ in value * q }
}
