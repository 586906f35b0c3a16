/// Chooses the cheapest rerun policy that evidence shows, with 95% confidence, to be good enough.
///
/// With p the failure rate and q(d) the failure rate of a rerun started d after a failure, k reruns leave a residual
/// failure rate of p · q(d)^k (or p · q_1 ⋯ q_k when failures cluster; see `RerunResidual`). A policy (k, d) is good
/// enough when the residual's upper bound, from the Wilson 95% upper bounds of p and of each q, is at most the
/// target: "0 of 2 reruns failed" is not a q of 0 but one of up to 66%. Its cost is the expected extra time per run,
/// from point estimates: cost(k, d) = p · (d + T) · (1 + q + … + q^(k−1)). The chooser returns the cheapest
/// good-enough policy (fewest reruns on ties, then shortest delay), never more than `rerunsMax` reruns.
///
/// When none is good enough it tells apart two cases. If the point estimates reach the target at some (k, d) (or p
/// itself is under it), only the sample is too small: `insufficientEvidence`, with how many more runs at the same
/// rates would make the bound reach it. Otherwise no affordable policy would do even if the estimates were exact:
/// `quarantine`.
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
        if evidence.failures == 0 { return RerunPolicy(action: .none, residualFailureRate: 0) }
        let noReruns = RerunResidual(evidence: evidence, candidate: .unmeasured, reruns: 0)
        if noReruns.upper <= target {
            return RerunPolicy(action: .none, residualFailureRate: p, residualCI95: noReruns.interval)
        }
        let candidates = evidence.rerunFailureRates.sorted { $0.delaySeconds < $1.delaySeconds }
        var best: (residual: RerunResidual, reruns: Int, delay: Double)?
        for candidate in candidates {
            for reruns in 1...rerunsMax {
                let residual = RerunResidual(evidence: evidence, candidate: candidate, reruns: reruns)
                guard residual.upper <= target else { continue }
                // More reruns at this delay only cost more, so the first that reaches the target is this delay's.
                if let current = best, (current.residual.costSeconds, current.reruns, current.delay)
                    <= (residual.costSeconds, reruns, candidate.delaySeconds)
                {
                    break
                }
                best = (residual, reruns, candidate.delaySeconds)
                break
            }
        }
        if let best {
            return RerunPolicy(
                action: .rerun, reruns: best.reruns, delaySeconds: best.delay,
                residualFailureRate: best.residual.estimate, residualCI95: best.residual.interval,
                expectedCostSeconds: best.residual.costSeconds, onlyRerun: onlyRerun
            )
        }
        // Nothing reaches the target: report the policy whose bound comes nearest (all reruns, best delay).
        let nearest = candidates
            .map { RerunResidual(evidence: evidence, candidate: $0, reruns: rerunsMax) }
            .min { ($0.upper, $0.estimate) < ($1.upper, $1.estimate) } ?? noReruns
        let more = moreRunsNeeded(evidence, candidates: candidates)
        return RerunPolicy(
            action: more == nil ? .quarantine : .insufficientEvidence, residualFailureRate: nearest.estimate,
            residualCI95: nearest.interval, moreRunsNeeded: more
        )
    }

    /// How many more runs, at the rates measured (and with reruns measured in proportion, as a longer sweep or CI
    /// history would give), would let some policy's upper bound reach the target; nil when even exact estimates
    /// reach it nowhere, so more evidence cannot help. Searched by doubling, then bisection, up to 10⁹ runs;
    /// the answer is the smallest whole number, since the bounds only fall as evidence grows.
    func moreRunsNeeded(_ evidence: RerunEvidence, candidates: [RerunEvidence.Candidate]) -> Int? {
        func reaches(scale: Double, bound: KeyPath<RerunResidual, Double>) -> Bool {
            if RerunResidual(evidence: evidence, candidate: .unmeasured, reruns: 0, scale: scale)[keyPath: bound]
                <= target
            {
                return true
            }
            return candidates.contains { candidate in
                (1...rerunsMax).contains {
                    RerunResidual(evidence: evidence, candidate: candidate, reruns: $0, scale: scale)[keyPath: bound]
                        <= target
                }
            }
        }
        guard reaches(scale: 1, bound: \.estimate), evidence.runs > 0 else { return nil }
        let runs = Double(evidence.runs)
        let limit = 1e9
        var high = 2.0
        while !reaches(scale: high, bound: \.upper) {
            high *= 2
            if runs * high > limit { return nil }
        }
        var low = high / 2  // known not to reach (or 1, the evidence itself)
        while runs * (high - low) > 1 {
            let middle = (low + high) / 2
            if reaches(scale: middle, bound: \.upper) { high = middle } else { low = middle }
        }
        // Bisection leaves `high` within one run of the threshold; step down to the smallest whole number of runs.
        var needed = Int((runs * high).rounded(.up))
        while needed - 1 > evidence.runs, reaches(scale: Double(needed - 1) / runs, bound: \.upper) { needed -= 1 }
        return needed - evidence.runs
    }

    /// The residual failure rate and cost of a given policy, e.g. a blind `reruns=2, reruns_delay=5`, for comparison.
    /// Uses the measured q of the nearest candidate delay not longer than `delaySeconds` (or the shortest one), as
    /// point estimates: it describes what the guess would do, it chooses nothing.
    public func evaluate(reruns: Int, delaySeconds: Double, evidence: RerunEvidence) -> (residual: Double, cost: Double) {
        let sorted = evidence.rerunFailureRates.sorted { $0.delaySeconds < $1.delaySeconds }
        var candidate = sorted.last { $0.delaySeconds <= delaySeconds } ?? sorted.first ?? .unmeasured
        candidate.delaySeconds = delaySeconds
        let residual = RerunResidual(evidence: evidence, candidate: candidate, reruns: reruns)
        return (residual.estimate, residual.costSeconds)
    }
}

extension RerunEvidence.Candidate {
    /// A delay nobody measured: q = 1, so reruns never help.
    static let unmeasured = RerunEvidence.Candidate(delaySeconds: 0, failures: 0, trials: 0)
}

extension RerunResidual {
    var interval: WilsonInterval { WilsonInterval(lower: lower, upper: upper) }
}
