/// Why live mode could not start its services.
public struct LiveServeError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
