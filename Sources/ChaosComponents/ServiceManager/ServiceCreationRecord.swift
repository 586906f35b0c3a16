/// One call of the creation endpoint, as the manager records it for invariant checks.
public struct ServiceCreationRecord: Sendable, Equatable {
    public var template: ServiceTemplate
    /// The id allocated (and persisted) for the service, if the manager got that far.
    public var id: Int?
    public var response: ServiceResponse
    /// The error that escaped `create` and was answered by the framework's generic 500; nil when handled.
    public var escapedError: String?

    public var succeeded: Bool { response.status == 200 }
}
