/// report.json's form of a policy: every key always present (the exports and the residual interval as explicit
/// nulls), and the keys added after the first schema optional when reading.
extension ScenarioReport.Policy {
    enum CodingKeys: String, CodingKey {
        case action, reruns, target, reason
        case delaySeconds = "delay_seconds"
        case onlyRerun = "only_rerun"
        case rerunSignatures = "rerun_signatures"
        case neverRerun = "never_rerun"
        case residualFailureRate = "residual_failure_rate"
        case residualFailureRateCI95 = "residual_failure_rate_ci95"
        case moreRunsNeeded = "more_runs_needed"
        case expectedCostSeconds = "expected_cost_seconds"
        case pytestMarker = "pytest_marker"
        case pytestIni = "pytest_ini"
        case nextestProfile = "nextest_profile"
    }

    /// The keys added after the first schema (`rerun_signatures`, `residual_failure_rate_ci95`, `more_runs_needed`,
    /// `pytest_ini`, `nextest_profile`) may be absent, so older report.json files still read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = try container.decode(RerunPolicy.Action.self, forKey: .action)
        reruns = try container.decode(Int.self, forKey: .reruns)
        delaySeconds = try container.decode(Double.self, forKey: .delaySeconds)
        onlyRerun = try container.decode([String].self, forKey: .onlyRerun)
        rerunSignatures = try container.decodeIfPresent([String].self, forKey: .rerunSignatures) ?? []
        neverRerun = try container.decode([String].self, forKey: .neverRerun)
        residualFailureRate = try container.decode(Double.self, forKey: .residualFailureRate)
        residualFailureRateCI95 = try container.decodeIfPresent([Double].self, forKey: .residualFailureRateCI95)
        moreRunsNeeded = try container.decodeIfPresent(Int.self, forKey: .moreRunsNeeded)
        expectedCostSeconds = try container.decode(Double.self, forKey: .expectedCostSeconds)
        pytestMarker = try container.decodeIfPresent(String.self, forKey: .pytestMarker)
        pytestIni = try container.decodeIfPresent(String.self, forKey: .pytestIni)
        nextestProfile = try container.decodeIfPresent(String.self, forKey: .nextestProfile)
        target = try container.decode(Double.self, forKey: .target)
        reason = try container.decode(String.self, forKey: .reason)
    }

    /// Writes the exports, the residual interval and `more_runs_needed` as explicit nulls, so the schema has the same
    /// keys whatever the action.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encode(reruns, forKey: .reruns)
        try container.encode(delaySeconds, forKey: .delaySeconds)
        try container.encode(onlyRerun, forKey: .onlyRerun)
        try container.encode(rerunSignatures, forKey: .rerunSignatures)
        try container.encode(neverRerun, forKey: .neverRerun)
        try container.encode(residualFailureRate, forKey: .residualFailureRate)
        try container.encode(residualFailureRateCI95, forKey: .residualFailureRateCI95)
        try container.encode(moreRunsNeeded, forKey: .moreRunsNeeded)
        try container.encode(expectedCostSeconds, forKey: .expectedCostSeconds)
        try container.encode(pytestMarker, forKey: .pytestMarker)
        try container.encode(pytestIni, forKey: .pytestIni)
        try container.encode(nextestProfile, forKey: .nextestProfile)
        try container.encode(target, forKey: .target)
        try container.encode(reason, forKey: .reason)
    }
}
