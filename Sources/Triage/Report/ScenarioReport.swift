/// The report for one variant of one scenario: counts, failure rate, verdict, signatures and rerun policy.
///
/// Everything here is a function of the records, the evidence and the settings, except `wall_seconds` (the only
/// wall-time field): records are sorted by seed before anything is summed, so the same records always give the same
/// report, whatever order they arrived in.
public struct ScenarioReport: Codable, Sendable, Equatable {
    public var name: String
    public var variant: String
    public var description: String
    /// The scenario file path as the user gave it.
    public var file: String
    /// Seeds requested.
    public var seeds: Int
    public var firstSeed: UInt64
    /// Seeds that finished (fewer than `seeds` when the sweep was interrupted).
    public var runs: Int
    public var passed: Int
    public var failed: Int
    /// failed / runs; 0 when nothing ran.
    public var failureRate: Double
    /// The Wilson 95% interval of the failure rate, [lower, upper].
    public var failureRateCI95: [Double]
    public var verdict: Verdict
    /// Nil when the scenario states no expectation for this variant.
    public var expectation: Expectation?
    /// In report order: most severe kind first, then most frequent, then by id.
    public var signatures: [SignatureSummary]
    public var policy: Policy
    public var blindPolicy: BlindPolicy
    /// The policy applied on held-out seeds, its observed residual beside the predicted one; nil when the sweep
    /// validated none (no rerun policy, validation turned off, or the sweep was interrupted).
    public var policyValidation: PolicyValidation?
    /// Nil when the runner measured no reruns.
    public var rerunEvidence: Evidence?
    /// Virtual time summed over all finished runs, in seed order.
    public var virtualSeconds: Double
    /// The driver's figures over all finished runs; nil when it reported none.
    public var figures: FigureSummary?
    /// Wall-clock duration of the sweep: the one field that differs between identical sweeps.
    public var wallSeconds: Double
    public var incomplete: Bool

    public init(
        name: String, variant: String, description: String, file: String, seeds: Int, firstSeed: UInt64, runs: Int,
        passed: Int, failed: Int, failureRate: Double, failureRateCI95: [Double], verdict: Verdict,
        expectation: Expectation?, signatures: [SignatureSummary], policy: Policy, blindPolicy: BlindPolicy,
        policyValidation: PolicyValidation? = nil, rerunEvidence: Evidence?, virtualSeconds: Double,
        figures: FigureSummary? = nil, wallSeconds: Double, incomplete: Bool
    ) {
        self.name = name
        self.variant = variant
        self.description = description
        self.file = file
        self.seeds = seeds
        self.firstSeed = firstSeed
        self.runs = runs
        self.passed = passed
        self.failed = failed
        self.failureRate = failureRate
        self.failureRateCI95 = failureRateCI95
        self.verdict = verdict
        self.expectation = expectation
        self.signatures = signatures
        self.policy = policy
        self.blindPolicy = blindPolicy
        self.policyValidation = policyValidation
        self.rerunEvidence = rerunEvidence
        self.virtualSeconds = virtualSeconds
        self.figures = figures
        self.wallSeconds = wallSeconds
        self.incomplete = incomplete
    }

    /// Summarises a sweep: groups failures by signature, judges the verdict and derives the policies.
    public init(_ sweep: VariantSweep) {
        let records = sweep.records.sorted { $0.seed < $1.seed }
        let runs = records.count
        let failed = records.count { !$0.passed }
        let failureRate = runs == 0 ? 0 : Double(failed) / Double(runs)
        let damaging = records.count { $0.failure?.kind == .damaging }
        let damagingRate = runs == 0 ? 0 : Double(damaging) / Double(runs)
        let interval = WilsonInterval(failures: failed, trials: runs)
        let signatures = SignatureSummary.group(
            records, file: sweep.file, variant: sweep.variant, replay: sweep.replay)
        let settings = sweep.rerunSettings
        self.init(
            name: sweep.scenario, variant: sweep.variant, description: sweep.description, file: sweep.file,
            seeds: sweep.requestedSeeds, firstSeed: sweep.firstSeed, runs: runs, passed: runs - failed,
            failed: failed, failureRate: failureRate, failureRateCI95: [interval.lower, interval.upper],
            verdict: Verdict.judge(runs: runs, failed: failed, signatures: signatures),
            expectation: Expectation(sweep, failureRate: failureRate, damagingRate: damagingRate),
            signatures: signatures,
            policy: Policy.derive(
                signatures: signatures, failed: failed, runs: runs, evidence: sweep.rerunEvidence, settings: settings
            ),
            blindPolicy: BlindPolicy.evaluate(
                signatures: signatures, failed: failed, runs: runs, evidence: sweep.rerunEvidence, settings: settings
            ),
            policyValidation: sweep.policyValidation,
            rerunEvidence: sweep.rerunEvidence.map(Evidence.init),
            virtualSeconds: records.reduce(0) { $0 + $1.virtualSeconds },
            figures: FigureSummary(records).nilIfEmpty, wallSeconds: sweep.wallSeconds, incomplete: sweep.incomplete
        )
    }

    /// Whether the scenario's expectation holds; true when it states none.
    public var expectationMet: Bool { expectation?.met ?? true }

    /// Whether CI should pass this variant: it is stable, or flaky with failures a measured rerun policy brings under
    /// the target (or already under it), held-out seeds do not refute, and its expectation holds. Damage, a broken
    /// test, `fix`, `quarantine` and `insufficient_evidence` (nobody can vouch for it yet) fail it.
    public var passesCI: Bool {
        guard expectationMet else { return false }
        switch verdict {
        case .stable: return true
        case .damaging, .broken: return false
        case .flaky:
            switch policy.action {
            // Held-out seeds that refute the prediction outweigh it.
            case .none: return policyValidation?.agreement != .worseThanPredicted
            case .rerun:
                return policy.residualFailureRate <= policy.target
                    && policyValidation?.agreement != .worseThanPredicted
            case .fix, .quarantine, .insufficientEvidence: return false
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, variant, description, file, seeds, runs, passed, failed, verdict, expectation, signatures, policy
        case incomplete, figures
        case firstSeed = "first_seed"
        case failureRate = "failure_rate"
        case failureRateCI95 = "failure_rate_ci95"
        case blindPolicy = "blind_policy"
        case policyValidation = "policy_validation"
        case rerunEvidence = "rerun_evidence"
        case virtualSeconds = "virtual_seconds"
        case wallSeconds = "wall_seconds"
    }

    /// Writes absent optionals as explicit nulls, so every report has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(variant, forKey: .variant)
        try container.encode(description, forKey: .description)
        try container.encode(file, forKey: .file)
        try container.encode(seeds, forKey: .seeds)
        try container.encode(firstSeed, forKey: .firstSeed)
        try container.encode(runs, forKey: .runs)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
        try container.encode(failureRate, forKey: .failureRate)
        try container.encode(failureRateCI95, forKey: .failureRateCI95)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(expectation, forKey: .expectation)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(policy, forKey: .policy)
        try container.encode(blindPolicy, forKey: .blindPolicy)
        try container.encode(policyValidation, forKey: .policyValidation)
        try container.encode(rerunEvidence, forKey: .rerunEvidence)
        try container.encode(virtualSeconds, forKey: .virtualSeconds)
        try container.encode(figures, forKey: .figures)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(incomplete, forKey: .incomplete)
    }
}
