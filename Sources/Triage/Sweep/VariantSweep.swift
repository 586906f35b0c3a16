/// Everything the CLI knows after sweeping one scenario variant over many seeds: the input to a `ScenarioReport`.
public struct VariantSweep: Sendable {
    public var scenario: String
    public var description: String
    public var variant: String
    /// The scenario file path as the user gave it, so that replay commands work from where the user ran the sweep.
    public var file: String
    public var requestedSeeds: Int
    public var firstSeed: UInt64
    /// One record per finished seed, in any order: the report sorts by seed so that arrival order never shows.
    public var records: [SeedRecord]
    /// Rerun failure rates measured by the runner for transient failures; nil when none were measured.
    public var rerunEvidence: RerunEvidence?
    public var rerunSettings: RerunSettings
    /// The chosen policy applied on held-out seeds; nil when none was validated.
    public var policyValidation: PolicyValidation?
    /// The scenario's expectation for this variant, if it has one.
    public var maxFailureRate: Double?
    /// The lowest failure rate the scenario expects for this variant (an incident reproduction), if any.
    public var minFailureRate: Double?
    /// The highest rate of damaging failures the scenario accepts for this variant, if it states one.
    public var maxDamagingRate: Double?
    public var wallSeconds: Double
    /// How the report words the instruction that replays a failing seed.
    public var replay: ReplayFormatter
    /// The sweep was interrupted (Ctrl-C) before all seeds finished.
    public var incomplete: Bool

    public init(
        scenario: String, description: String = "", variant: String, file: String, requestedSeeds: Int,
        firstSeed: UInt64 = 0, records: [SeedRecord], rerunEvidence: RerunEvidence? = nil,
        rerunSettings: RerunSettings = RerunSettings(), policyValidation: PolicyValidation? = nil,
        maxFailureRate: Double? = nil, minFailureRate: Double? = nil,
        maxDamagingRate: Double? = nil, wallSeconds: Double = 0, replay: ReplayFormatter,
        incomplete: Bool = false
    ) {
        self.scenario = scenario
        self.description = description
        self.variant = variant
        self.file = file
        self.requestedSeeds = requestedSeeds
        self.firstSeed = firstSeed
        self.records = records
        self.rerunEvidence = rerunEvidence
        self.rerunSettings = rerunSettings
        self.policyValidation = policyValidation
        self.maxFailureRate = maxFailureRate
        self.minFailureRate = minFailureRate
        self.maxDamagingRate = maxDamagingRate
        self.wallSeconds = wallSeconds
        self.replay = replay
        self.incomplete = incomplete
    }
}
