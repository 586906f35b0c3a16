import Foundation

/// How much history a verdict needs, from one formula: a test that fails with probability p fails at least once in
/// n runs with probability 1 − (1 − p)^n, so seeing it fail with confidence c takes
///     n = ⌈ln(1 − c) / ln(1 − p)⌉ runs
/// (facts sheet §0 and §3: the median FlakeFlagger flaky test, p = 0.71%, needs ln 0.05 / ln 0.9929 ≈ 421 runs).
public struct EvidenceRules: Sendable, Equatable, Codable {
    /// The confidence a verdict must have (default 95%).
    public var confidence: Double
    /// The smallest failure rate a `stable` verdict vouches against: a test is stable only after enough clean runs
    /// to have seen a failure of this rate with `confidence` (default 1%: 299 runs). Rarer flakes exist (32% of
    /// FlakeFlagger's fail < 0.1% of the time); lowering this asks for more runs, as it must.
    public var detectableFailureRate: Double
    /// A test that never passed is `broken` only after enough runs to have seen a pass of a test that passes at
    /// least this often (default 20%, the complement of Trunk's suggested 80% broken threshold: 14 runs).
    public var detectablePassRate: Double

    public init(confidence: Double = 0.95, detectableFailureRate: Double = 0.01, detectablePassRate: Double = 0.2) {
        precondition(confidence > 0 && confidence < 1, "a confidence lies strictly between 0 and 1")
        precondition(detectableFailureRate > 0 && detectableFailureRate < 1, "a rate lies strictly between 0 and 1")
        precondition(detectablePassRate > 0 && detectablePassRate < 1, "a rate lies strictly between 0 and 1")
        self.confidence = confidence
        self.detectableFailureRate = detectableFailureRate
        self.detectablePassRate = detectablePassRate
    }

    /// Runs needed to see at least one event of probability `rate` with `confidence`.
    public func runsToSee(rate: Double) -> Int {
        precondition(rate > 0 && rate <= 1, "an event needs a rate in (0, 1]")
        if rate == 1 { return 1 }
        return Int((log(1 - confidence) / log(1 - rate)).rounded(.up))
    }

    /// Clean runs that make a test `stable` (299 by default).
    public var stableRunsMin: Int { runsToSee(rate: detectableFailureRate) }

    /// Failing runs without a pass that make a test `broken` (14 by default).
    public var brokenRunsMin: Int { runsToSee(rate: detectablePassRate) }

    enum CodingKeys: String, CodingKey {
        case confidence
        case detectableFailureRate = "detectable_failure_rate"
        case detectablePassRate = "detectable_pass_rate"
    }
}
