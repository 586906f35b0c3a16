/// The knobs of a triage: evidence rules for verdicts, the fliprate windows, and the rerun chooser's settings.
public struct HistorySettings: Sendable, Equatable {
    public var evidence: EvidenceRules
    /// Runs per fliprate window. flaky-tests-detection has no default; 5 is its README's runs example
    /// (`--window-size=5 --window-count=3`).
    public var flipWindowRuns: Int
    /// Latest fliprate windows kept; nil (the default) keeps the whole history, where the README's example keeps 3:
    /// with α = 0.1 the smoothing forgets old windows anyway, and cutting them off would make the score of a rare
    /// flake depend on whether its one flip fell in the last 15 runs.
    public var flipWindowCount: Int?
    /// Target and rerun limit for the policy chooser (the delays are not used: CI histories give only immediate
    /// retries, measured at delay 0).
    public var rerun: RerunSettings
    public var normaliser: FailureMessageNormaliser

    public init(
        evidence: EvidenceRules = EvidenceRules(), flipWindowRuns: Int = 5, flipWindowCount: Int? = nil,
        rerun: RerunSettings = RerunSettings(), normaliser: FailureMessageNormaliser = FailureMessageNormaliser()
    ) {
        self.evidence = evidence
        self.flipWindowRuns = flipWindowRuns
        self.flipWindowCount = flipWindowCount
        self.rerun = rerun
        self.normaliser = normaliser
    }

    public static func == (lhs: HistorySettings, rhs: HistorySettings) -> Bool {
        (lhs.evidence, lhs.flipWindowRuns, lhs.flipWindowCount, lhs.rerun, lhs.normaliser.lengthMax)
            == (rhs.evidence, rhs.flipWindowRuns, rhs.flipWindowCount, rhs.rerun, rhs.normaliser.lengthMax)
    }
}
