/// What the service-creation endpoint answers: a status and a JSON body.
public struct ServiceResponse: Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var body: JSONValue

    public init(status: Int, body: JSONValue) {
        self.status = status
        self.body = body
    }

    /// What a web framework answers for an exception nobody caught.
    public static let unhandledError = ServiceResponse(
        status: 500, body: .object([("error", .string("Internal Server Error"))]))

    public var description: String { "\(status) \(body)" }
}
