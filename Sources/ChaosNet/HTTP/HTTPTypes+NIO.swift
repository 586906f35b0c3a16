import HTTPTypes
import NIOHTTP1

// Conversions from NIOHTTP1's decoded heads (the wire codec) to swift-http-types (the API). The other way needs none:
// `HTTPSerializer` writes heads from swift-http-types values.

extension HTTPFields {
    /// The first value of `name`, without joining repeated fields (the subscript joins them, which costs an
    /// allocation on every lookup).
    func firstValue(_ name: HTTPField.Name) -> String? {
        first { $0.name == name }?.value
    }

    init(_ headers: HTTPHeaders) {
        self.init()
        for (name, value) in headers {
            // Names that are not valid field names cannot come out of NIO's parser; skip rather than trap.
            if let fieldName = HTTPField.Name(name) { append(HTTPField(name: fieldName, value: value)) }
        }
    }
}

extension HTTPRequest {
    init(_ head: HTTPRequestHead) throws {
        guard let method = HTTPRequest.Method(head.method.rawValue) else {
            throw HTTPClientError.invalidRequest("method \(head.method.rawValue)")
        }
        self.init(
            method: method,
            scheme: nil,
            authority: head.headers.first(name: "host"),
            path: head.uri,
            headerFields: HTTPFields(head.headers)
        )
    }
}

extension HTTPResponse {
    init(_ head: HTTPResponseHead) {
        self.init(
            status: HTTPResponse.Status(code: Int(head.status.code), reasonPhrase: head.status.reasonPhrase),
            headerFields: HTTPFields(head.headers)
        )
    }
}
