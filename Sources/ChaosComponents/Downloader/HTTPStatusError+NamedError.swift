import ChaosCore

extension HTTPStatusError: NamedError {
    /// `http_503`: the status is the cause; the body differs from reply to reply.
    public var causeName: String { "http_\(status)" }
}
