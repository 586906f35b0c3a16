/// A non-success reply, as an HTTP library's `raise_for_status` throws it: what the naive downloader lets escape.
public struct HTTPStatusError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }

    public var description: String { "HTTP \(status): \(body)" }
}
