import HTTPTypes
import NIOHTTP1

// Conversions between swift-http-types (the API) and NIOHTTP1 (the wire codec).

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

    var nioHeaders: HTTPHeaders {
        HTTPHeaders(map { ($0.name.rawName, $0.value) })
    }
}

extension HTTPRequest {
    var nioHead: HTTPRequestHead {
        var head = HTTPRequestHead(
            version: .http1_1,
            method: NIOHTTP1.HTTPMethod(rawValue: method.rawValue),
            uri: path ?? "/"
        )
        head.headers = headerFields.nioHeaders
        if let authority, !head.headers.contains(name: "host") { head.headers.add(name: "Host", value: authority) }
        return head
    }

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

    var nioHead: HTTPResponseHead {
        HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: status.code, reasonPhrase: status.reasonPhrase),
            headers: headerFields.nioHeaders
        )
    }
}
