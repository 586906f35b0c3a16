import HTTPTypes

/// Writes HTTP/1.1 message heads and chunked framing straight from swift-http-types values.
///
/// Serialising is the easy half of HTTP/1.1 (parsing stays with NIOHTTP1's decoder). Doing it here skips the
/// conversion to NIO's `HTTPHeaders` and a pass through a channel pipeline per message, which measured as a fifth of
/// the cost of a small keep-alive exchange.
enum HTTPSerializer {
    /// The request line and fields: `Host` from the authority (swift-http-types keeps it there, never in the
    /// fields), `Transfer-Encoding: chunked` when the body is chunked.
    static func head(_ request: HTTPRequest, chunked: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        // Piece by piece rather than interpolated: an interpolation builds a String only to copy its bytes.
        append(request.method.rawValue, to: &bytes)
        append(" ", to: &bytes)
        append(request.path ?? "/", to: &bytes)
        append(" HTTP/1.1\r\n", to: &bytes)
        if let authority = request.authority {
            append("host: ", to: &bytes)
            append(authority, to: &bytes)
            append("\r\n", to: &bytes)
        }
        appendFields(request.headerFields, chunked: chunked, to: &bytes)
        return bytes
    }

    /// The status line and fields, with `Transfer-Encoding: chunked` added when the body is chunked.
    static func head(_ response: HTTPResponse, chunked: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        append("HTTP/1.1 ", to: &bytes)
        append(String(response.status.code), to: &bytes)
        append(" ", to: &bytes)
        append(response.status.reasonPhrase, to: &bytes)
        append("\r\n", to: &bytes)
        appendFields(response.headerFields, chunked: chunked, to: &bytes)
        return bytes
    }

    private static func appendFields(_ fields: HTTPFields, chunked: Bool, to bytes: inout [UInt8]) {
        var hasTransferEncoding = false
        for field in fields {
            if field.name == .transferEncoding {
                // Framing is decided here; a handler's own Transfer-Encoding would contradict it.
                hasTransferEncoding = true
                if !chunked { continue }
            }
            append(field.name.rawName, to: &bytes)
            append(": ", to: &bytes)
            append(field.value, to: &bytes)
            append("\r\n", to: &bytes)
        }
        if chunked, !hasTransferEncoding { append("transfer-encoding: chunked\r\n", to: &bytes) }
        append("\r\n", to: &bytes)
    }

    /// The framing before a chunk of `count` bytes (hexadecimal size and CRLF).
    static func chunkHeader(_ count: Int) -> [UInt8] {
        Array((String(count, radix: 16) + "\r\n").utf8)
    }

    /// The CRLF after a chunk's data.
    static let chunkTrailer: [UInt8] = [13, 10]

    /// The last chunk, the trailer fields and the final CRLF.
    static func lastChunk(trailers: HTTPFields?) -> [UInt8] {
        var bytes = Array("0\r\n".utf8)
        for field in trailers ?? [:] {
            append("\(field.name.rawName): \(field.value)\r\n", to: &bytes)
        }
        append("\r\n", to: &bytes)
        return bytes
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: text.utf8)
    }
}
