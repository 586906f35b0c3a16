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
    /// Failure signatures the reruns apply to (`only_rerun`), and those they must never hide (`never_rerun`).
    public var onlyRerun: [String]
    public var neverRerun: [String]

    public init(
        action: Action, reruns: Int = 0, delaySeconds: Double = 0, residualFailureRate: Double,
        residualCI95: WilsonInterval? = nil, moreRunsNeeded: Int? = nil, expectedCostSeconds: Double = 0,
        onlyRerun: [String] = [], neverRerun: [String] = []
    ) {
        self.action = action
        self.reruns = reruns
        self.delaySeconds = delaySeconds
        self.residualFailureRate = residualFailureRate
        self.residualCI95 = residualCI95
        self.moreRunsNeeded = moreRunsNeeded
        self.expectedCostSeconds = expectedCostSeconds
        self.onlyRerun = onlyRerun
        self.neverRerun = neverRerun
    }

    /// The policy as a pytest-rerunfailures marker, e.g.
    /// `@pytest.mark.flaky(reruns=2, reruns_delay=30, only_rerun=["ReadTimeout"])`; nil unless the action is rerun.
    public var pytestMarker: String? {
        guard action == .rerun else { return nil }
        var arguments = ["reruns=\(reruns)", "reruns_delay=\(Self.format(delaySeconds))"]
        if !onlyRerun.isEmpty {
            arguments.append("only_rerun=[" + onlyRerun.map { "\"\(Self.escape($0))\"" }.joined(separator: ", ") + "]")
        }
        return "@pytest.mark.flaky(" + arguments.joined(separator: ", ") + ")"
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func escape(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
