import ChaosNet

/// What live mode (`chaos-run serve`) serves for a component besides the registry's packages: content its fixtures
/// added to the registry, named so that the ready line lists their CIDs, and HTTP services of its own.
public struct LiveServices: Sendable {
    /// Registry content the driver added, by name (`document-3`), with its root CID.
    public var content: [(name: String, cid: CID)]
    /// HTTP services the component talks to besides the registry.
    public var httpServices: [LiveHTTPService]

    public init(content: [(name: String, cid: CID)] = [], httpServices: [LiveHTTPService] = []) {
        self.content = content
        self.httpServices = httpServices
    }

    /// Nothing beyond the registry's packages.
    public static var none: LiveServices { LiveServices() }
}

/// An HTTP service a driver declares for live mode: the address the scenario's faults name it by, and its handler.
///
/// The handler runs outside any simulation, on live mode's one thread (so it may share state with nothing else
/// running), and must not use a simulation's clock or streams.
public struct LiveHTTPService: Sendable {
    /// A short name for the ready line and the log (`tracker`).
    public var name: String
    /// The service as the scenario names it (`tracker:8080`): what fault targets match.
    public var endpoint: Endpoint
    public var handler: HTTPExchangeServer.Handler

    public init(name: String, endpoint: Endpoint, handler: @escaping HTTPExchangeServer.Handler) {
        self.name = name
        self.endpoint = endpoint
        self.handler = handler
    }
}

/// What a driver declares its live services from: the scenario, its configuration and the fixtures it built.
public struct LiveServiceContext<Driver: ComponentDriver>: Sendable {
    public let scenario: ScenarioFile
    public let configuration: Driver.Configuration
    public let fixtures: Driver.Fixtures
}
