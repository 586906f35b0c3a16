/// A chosen rerun policy applied in its own world on held-out seeds — seeds the sweep did not run, so none of them
/// measured p or q — with the residual failure rate it observed beside the one the chooser predicted.
///
/// The prediction p · q_1 ⋯ q_k rests on the reruns the sweep measured; faults that come in episodes make failures
/// cluster, and a prediction can be wrong in ways no interval of its own shows. Running the policy (k reruns, d apart,
/// faults on their schedule) on fresh seeds checks it: `agreement` says whether the observed interval lies wholly
/// above the predicted one (`worse_than_predicted`: the prediction is refuted), wholly below it, or overlaps it.
///
/// Each held-out seed runs once; a transient failure is rerun up to k times d apart, stopping at the first pass, as
/// the exported marker would; any other failure (damaging, hang, timeout, crash, violation) is never rerun and stays
/// a residual failure. The seeds the reruns measure are chains, so the q_j they show are reported too.
public struct PolicyValidation: Codable, Sendable, Equatable {
    /// Whether what was observed agrees with what was predicted, comparing the two 95% intervals.
    public enum Agreement: String, Codable, Sendable {
        /// The intervals overlap: the held-out seeds do not contradict the prediction.
        case consistent
        /// The observed interval lies wholly above the predicted one: the policy leaves more failures than it says.
        case worseThanPredicted = "worse_than_predicted"
        /// The observed interval lies wholly below the predicted one: the prediction was pessimistic.
        case betterThanPredicted = "better_than_predicted"
    }

    /// The policy applied.
    public var reruns: Int
    public var delaySeconds: Double
    /// The held-out seeds: `seeds` of them from `firstSeed` on.
    public var firstSeed: UInt64
    public var seeds: Int
    /// Held-out seeds whose first run failed.
    public var firstRunFailures: Int
    /// `rescuedByRerun[j − 1]`: seeds whose rerun j was the first to pass.
    public var rescuedByRerun: [Int]
    /// Seeds that still failed with the policy applied, and of those how many the policy never reruns.
    public var residualFailures: Int
    public var neverRerun: Int
    /// residualFailures / seeds and its Wilson 95% interval.
    public var observedResidual: Double
    public var observedResidualCI95: [Double]
    /// The chooser's prediction and its 95% interval.
    public var predictedResidual: Double
    public var predictedResidualCI95: [Double]
    /// What independent reruns would predict from the held-out seeds' own rates, p · q_1^k: beside the observed
    /// residual it shows how much clustering matters.
    public var independentResidual: Double
    /// q_j observed on the held-out chains, for j = 1 … (the last rerun any chain reached).
    public var chain: [ScenarioReport.Evidence.Link]
    public var agreement: Agreement

    /// What one held-out seed did: its first run's failure kind (nil when it passed) and its reruns in order.
    public struct SeedOutcome: Sendable, Equatable {
        public var failure: FailureKind?
        public var reruns: [Bool]

        public init(failure: FailureKind?, reruns: [Bool]) {
            self.failure = failure
            self.reruns = reruns
        }
    }

    /// The validation of `policy` (k reruns, d apart) from the outcomes of the held-out seeds `firstSeed…`.
    public init(policy: RerunPolicy, firstSeed: UInt64, outcomes: [SeedOutcome]) {
        reruns = policy.reruns
        delaySeconds = policy.delaySeconds
        self.firstSeed = firstSeed
        seeds = outcomes.count
        let failed = outcomes.filter { $0.failure != nil }
        firstRunFailures = failed.count
        var rescued = Array(repeating: 0, count: policy.reruns)
        var chains: [[Bool]] = []
        var residual = 0
        var never = 0
        for outcome in failed {
            guard outcome.failure?.mayBeRerun == true, policy.reruns > 0 else {
                residual += 1
                if outcome.failure?.mayBeRerun != true { never += 1 }
                continue
            }
            // A rerun chain the runner cut short of k (damage on a rerun ends it) still failed.
            let chain = Array(outcome.reruns.prefix(policy.reruns))
            chains.append(chain.isEmpty ? [false] : chain)
            if let pass = chain.firstIndex(of: true) { rescued[pass] += 1 } else { residual += 1 }
        }
        rescuedByRerun = rescued
        residualFailures = residual
        neverRerun = never
        let observed = WilsonInterval(failures: residual, trials: outcomes.count)
        observedResidual = outcomes.isEmpty ? 0 : Double(residual) / Double(outcomes.count)
        observedResidualCI95 = [observed.lower, observed.upper]
        predictedResidual = policy.residualFailureRate
        let predicted = policy.residualCI95 ?? WilsonInterval(lower: policy.residualFailureRate,
                                                              upper: policy.residualFailureRate)
        predictedResidualCI95 = [predicted.lower, predicted.upper]
        let counts = RerunEvidence.conditional(chains)
        chain = counts.enumerated().map { ScenarioReport.Evidence.Link(rerun: $0 + 1, $1) }
        let p = outcomes.isEmpty ? 0 : Double(failed.count) / Double(outcomes.count)
        let q1 = counts.first?.rate ?? 1
        independentResidual = (0..<policy.reruns).reduce(p) { residual, _ in residual * q1 }
        if observed.lower > predicted.upper {
            agreement = .worseThanPredicted
        } else if observed.upper < predicted.lower {
            agreement = .betterThanPredicted
        } else {
            agreement = .consistent
        }
    }

    /// One line for people, e.g. "on 1000 held-out seeds 2 reruns 30 s apart left 0.1% (1 of 1000, 95% CI […])
    /// beside the predicted 0.05% (95% CI […]): consistent".
    public var summary: String {
        let policy = reruns == 0
            ? "no reruns"
            : "\(reruns) rerun\(reruns == 1 ? "" : "s") \(ReportFormat.seconds(delaySeconds)) apart"
        let observed = "\(ReportFormat.percent(observedResidual)) (\(residualFailures) of \(seeds), 95% CI "
            + "\(ReportFormat.percentInterval(observedResidualCI95)))"
        let predicted = "\(ReportFormat.percent(predictedResidual)) (95% CI "
            + "\(ReportFormat.percentInterval(predictedResidualCI95)))"
        let verdict: String
        switch agreement {
        case .consistent: verdict = "consistent"
        case .worseThanPredicted: verdict = "worse than predicted: the prediction is refuted"
        case .betterThanPredicted: verdict = "better than predicted"
        }
        return "on \(seeds) held-out seeds \(policy) left \(observed) beside the predicted \(predicted): \(verdict)"
    }

    enum CodingKeys: String, CodingKey {
        case reruns, seeds, chain, agreement
        case delaySeconds = "delay_seconds"
        case firstSeed = "first_seed"
        case firstRunFailures = "first_run_failures"
        case rescuedByRerun = "rescued_by_rerun"
        case residualFailures = "residual_failures"
        case neverRerun = "never_rerun"
        case observedResidual = "observed_residual"
        case observedResidualCI95 = "observed_residual_ci95"
        case predictedResidual = "predicted_residual"
        case predictedResidualCI95 = "predicted_residual_ci95"
        case independentResidual = "independent_residual"
    }
}
