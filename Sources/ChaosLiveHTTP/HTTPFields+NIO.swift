import HTTPTypes
import NIOHTTP1

extension HTTPHeaders {
    /// The fields of a request, in order, for AsyncHTTPClient.
    init(_ fields: HTTPFields) {
        self.init(fields.map { ($0.name.rawName, $0.value) })
    }
}

extension HTTPFields {
    /// The fields of a received head or trailer; nil if a name is not a valid field name (NIO's parser lets through
    /// a few bytes that swift-http-types refuses), which the caller reports as a malformed response.
    init?(_ headers: HTTPHeaders) {
        self.init()
        for (name, value) in headers {
            guard let name = HTTPField.Name(name) else { return nil }
            append(HTTPField(name: name, value: value))
        }
    }
}
