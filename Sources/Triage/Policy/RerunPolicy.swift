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
    }

    public var action: Action
    public var reruns: Int
    public var delaySeconds: Double
    /// Residual failure rate with the policy applied: p · q(d)^k.
    public var residualFailureRate: Double
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
        expectedCostSeconds: Double = 0, onlyRerun: [String] = [], rerunSignatures: [String] = [],
        neverRerun: [String] = []
    ) {
        self.action = action
        self.reruns = reruns
        self.delaySeconds = delaySeconds
        self.residualFailureRate = residualFailureRate
        self.expectedCostSeconds = expectedCostSeconds
        self.onlyRerun = onlyRerun
        self.rerunSignatures = rerunSignatures
        self.neverRerun = neverRerun
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
