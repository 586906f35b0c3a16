/// What a running live server says about itself: on standard output once it listens (`chaos-run serve`'s ready
/// line) and at the control API's `GET /status`.
public struct LiveServerStatus: Codable, Sendable, Equatable {
    public struct Package: Codable, Sendable, Equatable {
        public var name: String
        public var cid: String
    }

    /// An HTTP service the scenario's driver declares.
    public struct Service: Codable, Sendable, Equatable {
        public var name: String
        /// Its real address, `host:port`.
        public var address: String
        /// The address the scenario's faults name it by.
        public var scenarioService: String

        enum CodingKeys: String, CodingKey {
            case name, address
            case scenarioService = "scenario_service"
        }
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
    /// The scenario's packages, then the content its driver added to the registry.
    public var packages: [Package]
    /// The driver's own HTTP services (none for the built-in components).
    public var services: [Service]
    /// The scenario's time since the services started, in seconds (only in `GET /status`).
    public var scenarioSeconds: Double?

    /// Snake case, spelled out so that the names read back as they were written.
    enum CodingKeys: String, CodingKey {
        case event, scenario, seed, registry, control, packages, services
        case timeScale = "time_scale", apiURL = "api_url", scenarioService = "scenario_service"
        case scenarioSeconds = "scenario_seconds"
    }
}
