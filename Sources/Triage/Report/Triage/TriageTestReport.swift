/// One test in `report.json` of `chaos-run triage`: its statistics, verdict and rerun policy (schema in
/// reports/README.md, "Triage report").
public struct TriageTestReport: Codable, Sendable, Equatable {
    public var id: String
    public var scope: String
    public var classname: String
    public var name: String
    public var firstSeen: String
    /// One letter per execution in run order: `P` pass, `R` pass on retry, `F` fail, `S` skipped or unknown.
    public var timeline: String
    public var runs: Int
    public var attempts: Int
    public var failedAttempts: Int
    public var failedRuns: Int
    public var finalFailures: Int
    public var failureRate: Double
    public var failureRateCI95: [Double]
    public var reruns: Int
    public var rerunFailures: Int
    public var rerunFailureRate: Double?
    public var rerunFailureRateCI95: [Double]
    public var retriedRuns: Int
    public var passedOnRetryRuns: Int
    public var passOnRetryRate: Double?
    public var runsWithPassAndFail: Int
    public var sameCommitPassAndFail: [String]
    public var fliprate: FlipRate
    public var signatures: [FailureSignature]
    public var attemptSecondsMean: Double?
    public var verdict: HistoryVerdict
    public var reason: String
    public var runsNeeded: Int?
    public var policy: ScenarioReport.Policy

    public init(_ test: TestStatistics, policy: ScenarioReport.Policy) {
        id = test.identity.description
        scope = test.identity.scope
        classname = test.identity.classname
        name = test.identity.name
        firstSeen = test.firstSeen
        timeline = test.timeline
        runs = test.runs
        attempts = test.attempts
        failedAttempts = test.failedAttempts
        failedRuns = test.failedRuns
        finalFailures = test.finalFailures
        failureRate = test.failureRate
        failureRateCI95 = [test.failureRateCI95.lower, test.failureRateCI95.upper]
        reruns = test.reruns
        rerunFailures = test.rerunFailures
        rerunFailureRate = test.rerunFailureRate
        rerunFailureRateCI95 = [test.rerunFailureRateCI95.lower, test.rerunFailureRateCI95.upper]
        retriedRuns = test.retriedRuns
        passedOnRetryRuns = test.passedOnRetryRuns
        passOnRetryRate = test.passOnRetryRate
        runsWithPassAndFail = test.runsWithPassAndFail
        sameCommitPassAndFail = test.sameCommitPassAndFail
        fliprate = test.fliprate
        signatures = test.signatures
        attemptSecondsMean = test.attemptSecondsMean
        verdict = test.verdict
        reason = test.reason
        runsNeeded = test.runsNeeded
        self.policy = policy
    }

    enum CodingKeys: String, CodingKey {
        case id, scope, classname, name, runs, attempts, reruns, fliprate, signatures, verdict, reason, policy
        case timeline
        case firstSeen = "first_seen"
        case failedAttempts = "failed_attempts"
        case failedRuns = "failed_runs"
        case finalFailures = "final_failures"
        case failureRate = "failure_rate"
        case failureRateCI95 = "failure_rate_ci95"
        case rerunFailures = "rerun_failures"
        case rerunFailureRate = "rerun_failure_rate"
        case rerunFailureRateCI95 = "rerun_failure_rate_ci95"
        case retriedRuns = "retried_runs"
        case passedOnRetryRuns = "passed_on_retry_runs"
        case passOnRetryRate = "pass_on_retry_rate"
        case runsWithPassAndFail = "runs_with_pass_and_fail"
        case sameCommitPassAndFail = "same_commit_pass_and_fail"
        case attemptSecondsMean = "attempt_seconds_mean"
        case runsNeeded = "runs_needed"
    }

    /// Absent values as explicit nulls, so every test has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(scope, forKey: .scope)
        try container.encode(classname, forKey: .classname)
        try container.encode(name, forKey: .name)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(timeline, forKey: .timeline)
        try container.encode(runs, forKey: .runs)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(failedAttempts, forKey: .failedAttempts)
        try container.encode(failedRuns, forKey: .failedRuns)
        try container.encode(finalFailures, forKey: .finalFailures)
        try container.encode(failureRate, forKey: .failureRate)
        try container.encode(failureRateCI95, forKey: .failureRateCI95)
        try container.encode(reruns, forKey: .reruns)
        try container.encode(rerunFailures, forKey: .rerunFailures)
        try container.encode(rerunFailureRate, forKey: .rerunFailureRate)
        try container.encode(rerunFailureRateCI95, forKey: .rerunFailureRateCI95)
        try container.encode(retriedRuns, forKey: .retriedRuns)
        try container.encode(passedOnRetryRuns, forKey: .passedOnRetryRuns)
        try container.encode(passOnRetryRate, forKey: .passOnRetryRate)
        try container.encode(runsWithPassAndFail, forKey: .runsWithPassAndFail)
        try container.encode(sameCommitPassAndFail, forKey: .sameCommitPassAndFail)
        try container.encode(fliprate, forKey: .fliprate)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(attemptSecondsMean, forKey: .attemptSecondsMean)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(reason, forKey: .reason)
        try container.encode(runsNeeded, forKey: .runsNeeded)
        try container.encode(policy, forKey: .policy)
    }
}
