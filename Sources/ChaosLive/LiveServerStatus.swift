/// What a running live server says about itself: on standard output once it listens (`chaos-run serve`'s ready
/// line) and at the control API's `GET /status`.
public struct LiveServerStatus: Codable, Sendable, Equatable {
    public struct Package: Codable, Sendable, Equatable {
        public var name: String
        public var cid: String
    }

    /// Always `ready` in the ready line.
    public var event = "ready"
    public var scenario: String
    public var seed: UInt64
    public var timeScale: Double
    /// The registry's real address, `host:port`, and its API base URL.
    public var registry: String
    public var apiURL: String
    /// The address the scenario's faults name the registry by (`registry:5001`).
    public var scenarioService: String
    /// The control API's address, `host:port`.
    public var control: String
    public var packages: [Package]
    /// Faults of the scenario live mode does not apply, by name.
    public var notApplied: [String]
    /// The scenario's time since the services started, in seconds (only in `GET /status`).
    public var scenarioSeconds: Double?

    /// Snake case, spelled out so that the names read back as they were written.
    enum CodingKeys: String, CodingKey {
        case event, scenario, seed, registry, control, packages
        case timeScale = "time_scale", apiURL = "api_url", scenarioService = "scenario_service"
        case notApplied = "not_applied", scenarioSeconds = "scenario_seconds"
    }
}
