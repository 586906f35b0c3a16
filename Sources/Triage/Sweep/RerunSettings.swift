/// The knobs of rerun-policy derivation: which delays the runner measures reruns at, the residual failure rate a
/// policy must reach, and the blind policy that reports compare against (the usual guess,
/// `@pytest.mark.flaky(reruns=2, reruns_delay=5)`), so that a person sees what the measured policy buys.
public struct RerunSettings: Codable, Sendable, Equatable {
    /// Candidate delays between a failure and its rerun.
    public var delaysSeconds: [Double]
    /// The residual failure rate a rerun policy must reach.
    public var target: Double
    /// The most reruns a policy may use.
    public var rerunsMax: Int
    /// Reruns of the blind comparison policy.
    public var blindReruns: Int
    /// Delay of the blind comparison policy.
    public var blindDelaySeconds: Double
    /// What a real client's failures look like for the transient signatures: the exported `only_rerun` patterns.
    public var realErrors: [RealErrorPattern]

    public static let defaultDelaysSeconds: [Double] = [0, 1, 5, 15, 30, 60, 120]

    public init(
        delaysSeconds: [Double] = RerunSettings.defaultDelaysSeconds, target: Double = 0.001, rerunsMax: Int = 5,
        blindReruns: Int = 2, blindDelaySeconds: Double = 5, realErrors: [RealErrorPattern] = []
    ) {
        self.delaysSeconds = delaysSeconds
        self.target = target
        self.rerunsMax = rerunsMax
        self.blindReruns = blindReruns
        self.blindDelaySeconds = blindDelaySeconds
        self.realErrors = realErrors
    }

    enum CodingKeys: String, CodingKey {
        case target
        case delaysSeconds = "delays_seconds"
        case rerunsMax = "reruns_max"
        case blindReruns = "blind_reruns"
        case blindDelaySeconds = "blind_delay_seconds"
        case realErrors = "real_errors"
    }

    /// Missing keys take their defaults, so a settings file may name only what it changes.
    public init(from decoder: any Decoder) throws {
        let defaults = RerunSettings()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        delaysSeconds = try container.decodeIfPresent([Double].self, forKey: .delaysSeconds) ?? defaults.delaysSeconds
        target = try container.decodeIfPresent(Double.self, forKey: .target) ?? defaults.target
        rerunsMax = try container.decodeIfPresent(Int.self, forKey: .rerunsMax) ?? defaults.rerunsMax
        blindReruns = try container.decodeIfPresent(Int.self, forKey: .blindReruns) ?? defaults.blindReruns
        blindDelaySeconds =
            try container.decodeIfPresent(Double.self, forKey: .blindDelaySeconds) ?? defaults.blindDelaySeconds
        realErrors = try container.decodeIfPresent([RealErrorPattern].self, forKey: .realErrors) ?? []
    }
}
