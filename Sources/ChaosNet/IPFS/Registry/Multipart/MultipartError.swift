/// Why a multipart/form-data body could not be parsed. Parts are numbered from 1 in the order they arrive.
public enum MultipartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request's Content-Type is missing or is not multipart/form-data with a boundary.
    case notMultipart(contentType: String?)
    /// The boundary parameter is empty, longer than 70 characters, or uses characters RFC 2046 does not allow.
    case invalidBoundary(String)
    /// No `--boundary` line was found at the start of the body (within the allowed preamble).
    case missingOpeningBoundary(preambleByteCountMax: Int)
    /// A part's header block is larger than the limit.
    case headersTooLarge(part: Int, byteCountMax: Int)
    /// A header line has no colon or an empty name.
    case malformedHeader(part: Int, line: String)
    /// A header's parameters (`; name="value"`) cannot be parsed.
    case malformedParameters(part: Int, header: String, reason: String)
    /// The body ended before the closing `--boundary--`.
    case truncated(part: Int)
    /// The body has more parts than the limit.
    case tooManyParts(countMax: Int)
    /// The body is larger than the limit.
    case tooLarge(byteCountMax: Int)

    /// A sentence that says what was wrong, where, and what was expected.
    public var description: String {
        switch self {
        case let .notMultipart(contentType):
            return "the request's Content-Type is \(contentType.map { "\"\($0.prefix(100))\"" } ?? "missing");"
                + " expected multipart/form-data with a boundary parameter"
        case let .invalidBoundary(boundary):
            return "invalid multipart boundary \"\(boundary.prefix(100))\": expected 1 to 70 characters of"
                + " letters, digits and '()+_,-./:=? (not ending in a space)"
        case let .missingOpeningBoundary(preambleByteCountMax):
            return "the body does not start with the multipart boundary (none within the first"
                + " \(preambleByteCountMax) bytes)"
        case let .headersTooLarge(part, byteCountMax):
            return "the headers of multipart part \(part) exceed \(byteCountMax) bytes"
        case let .malformedHeader(part, line):
            return "malformed header line \"\(line.prefix(100))\" in multipart part \(part); expected \"Name: value\""
        case let .malformedParameters(part, header, reason):
            return "malformed \(header) header in multipart part \(part): \(reason)"
        case let .truncated(part):
            return "the multipart body ended inside part \(part), before the closing boundary"
        case let .tooManyParts(countMax):
            return "the multipart body has more than \(countMax) parts"
        case let .tooLarge(byteCountMax):
            return "the multipart body is larger than \(byteCountMax) bytes"
        }
    }
}
