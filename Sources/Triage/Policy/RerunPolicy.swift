/// What CI should do about a scenario's failures, and the numbers behind it.
public struct RerunPolicy: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// Nothing failed.
        case none
        /// Transient failures: rerun `reruns` times, `delaySeconds` apart.
        case rerun
        /// A damaging, hang, timeout or crash failure: a rerun would hide it; fix the cause.
        case fix
        /// Transient failures that no affordable rerun policy brings under the target: take the test out of the
        /// blocking set until it is fixed.
        case quarantine
        /// Transient failures whose measured rates would reach the target, but over too few trials for the upper
        /// confidence bound to: `moreRunsNeeded` says how many more runs would settle it. A guess is what this refuses.
        case insufficientEvidence = "insufficient_evidence"
    }

    public var action: Action
    public var reruns: Int
    public var delaySeconds: Double
    /// Residual failure rate with the policy applied, as a point estimate: p · q(d)^k.
    public var residualFailureRate: Double
    /// Its 95% interval from the Wilson bounds of p and q (see `RerunResidual`); the upper end is what the chooser
    /// compared with the target. Nil where nothing was estimated (nothing failed, or `fix`).
    public var residualCI95: WilsonInterval?
    /// For `insufficientEvidence`: how many more runs at the measured rates would let a policy reach the target.
    public var moreRunsNeeded: Int?
    /// Expected extra seconds per run that the reruns cost.
    public var expectedCostSeconds: Double
    /// pytest-rerunfailures' `only_rerun`: regular expressions searched in the failing test's `Type: message` text,
    /// never signature ids (which no real failure's text contains); empty when the reruns are not restricted.
    public var onlyRerun: [String]
    /// The signatures the reruns are for, and those they must never hide (`never_rerun`).
    public var rerunSignatures: [String]
    public var neverRerun: [String]

    public init(
        action: Action, reruns: Int = 0, delaySeconds: Double = 0, residualFailureRate: Double,
        residualCI95: WilsonInterval? = nil, moreRunsNeeded: Int? = nil, expectedCostSeconds: Double = 0,
        onlyRerun: [String] = [], rerunSignatures: [String] = [], neverRerun: [String] = []
    ) {
        self.action = action
        self.reruns = reruns
        self.delaySeconds = delaySeconds
        self.residualFailureRate = residualFailureRate
        self.residualCI95 = residualCI95
        self.moreRunsNeeded = moreRunsNeeded
        self.expectedCostSeconds = expectedCostSeconds
        self.onlyRerun = onlyRerun
        self.rerunSignatures = rerunSignatures
        self.neverRerun = neverRerun
    }
}

extension RerunPolicy {
    /// Whether the policy predicts a residual failure rate that held-out seeds can check (`PolicyValidation`): a
    /// `rerun` policy, or `none` for failures already under the target.
    public var predictsResidual: Bool {
        action == .rerun || (action == .none && residualFailureRate > 0)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
