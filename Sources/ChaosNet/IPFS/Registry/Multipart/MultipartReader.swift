/// Reads a multipart/form-data body (RFC 7578 over RFC 2046 framing) part by part as it streams in.
///
/// Part content is handed out in slices as soon as it is certain not to be the start of the next boundary, so a file
/// part of any size is never held whole: the reader keeps at most one network read plus a boundary's length. Limits
/// on header size, part count and total size make hostile bodies a reported error, never unbounded memory.
///
/// Use: `nextPart()` returns each part's head (skipping whatever of the previous part was not read), then
/// `nextChunk()` returns that part's content until nil. Not thread-safe: use from one task.
final class MultipartReader {
    /// Limits on what the reader accepts.
    struct Limits: Sendable {
        var headerByteCountMax = 16 << 10
        var partCountMax = 100_000
        var byteCountMax = 1 << 30
        /// Bytes allowed before the first boundary (RFC 2046 lets senders put a preamble there).
        var preambleByteCountMax = 16 << 10
    }

    private enum State {
        case start, headers, body, done
    }

    private let body: HTTPBody
    private let limits: Limits
    /// `CRLF--boundary`: every boundary, including the first once a CRLF is assumed before the body.
    private let delimiter: [UInt8]
    private var buffer: [UInt8]
    /// Bytes of `buffer` before `head` are consumed.
    private var head = 0
    private var state = State.start
    private var bodyEnded = false
    private var byteCount = 0
    /// Parts whose head has been returned.
    private(set) var partCount = 0

    /// Creates a reader of `body` with the boundary from the request's Content-Type.
    init(body: HTTPBody, boundary: String, limits: Limits = Limits()) throws(MultipartError) {
        guard Self.isValidBoundary(boundary) else { throw .invalidBoundary(boundary) }
        self.body = body
        self.limits = limits
        delimiter = Array("\r\n--\(boundary)".utf8)
        // A boundary at the very start has no CRLF before it; pretending one was there makes it an ordinary delimiter.
        buffer = [13, 10]
    }

    /// The boundary of a `multipart/form-data` Content-Type value.
    static func boundary(fromContentType contentType: String?) throws(MultipartError) -> String {
        guard let contentType, let parsed = try? MIMEHeaderValue(parsing: contentType),
              parsed.value == "multipart/form-data", let boundary = parsed.parameter("boundary")
        else {
            throw .notMultipart(contentType: contentType)
        }
        return boundary
    }

    /// RFC 2046: 1 to 70 characters from a restricted set, not ending in a space.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        let bytes = Array(boundary.utf8)
        return (1...70).contains(bytes.count) && bytes.allSatisfy(allowed.contains) && bytes.last != 0x20
    }

    /// The next part's head, or nil after the closing boundary.
    func nextPart() async throws -> MultipartPartHead? {
        switch state {
        case .start:
            try await skipPreamble()
        case .body:
            while try await nextChunk() != nil {}
        case .headers, .done:
            break
        }
        guard state == .headers else { return nil }
        guard partCount < limits.partCountMax else { throw MultipartError.tooManyParts(countMax: limits.partCountMax) }
        partCount += 1
        let fields = try await readHeaders()
        state = .body
        return MultipartPartHead(index: partCount, fields: fields)
    }

    /// The next piece of the current part's content, or nil at its end.
    func nextChunk() async throws -> ArraySlice<UInt8>? {
        while state == .body {
            switch findBoundary(from: head) {
            case let .found(at, end, closes):
                if at > head {
                    defer { head = at }
                    return buffer[head..<at]
                }
                head = end
                state = closes ? .done : .headers
                return nil
            case let .undecided(at):
                if at > head {
                    defer { head = at }
                    return buffer[head..<at]
                }
                guard try await fill() else { throw MultipartError.truncated(part: partCount) }
            case .none:
                // Everything except a tail that could be the start of a boundary is content.
                let safeEnd = buffer.count - (delimiter.count - 1)
                if safeEnd > head {
                    defer { head = safeEnd }
                    return buffer[head..<safeEnd]
                }
                guard try await fill() else { throw MultipartError.truncated(part: partCount) }
            }
        }
        return nil
    }

    // MARK: - Framing

    private func skipPreamble() async throws {
        while true {
            switch findBoundary(from: head) {
            case let .found(_, end, closes):
                head = end
                state = closes ? .done : .headers
                return
            case .undecided, .none:
                guard buffer.count - head <= limits.preambleByteCountMax + delimiter.count, try await fill() else {
                    throw MultipartError.missingOpeningBoundary(preambleByteCountMax: limits.preambleByteCountMax)
                }
            }
        }
    }

    /// Where the next boundary line is, as far as the buffered bytes tell.
    private enum BoundaryMatch {
        /// A boundary starts at `at`; the next part's headers (or, when `closes`, the epilogue) start at `end`.
        case found(at: Int, end: Int, closes: Bool)
        /// `CRLF--boundary` starts at `at`, but what follows it has not arrived yet.
        case undecided(at: Int)
        case none
    }

    /// The longest run of transport padding (spaces, tabs) accepted between a boundary and its CRLF.
    private static let paddingCountMax = 64

    /// Finds the first real boundary at or after `start`. As in Go's mime/multipart, `CRLF--boundary` counts only
    /// when `--` (the close) or optional padding and CRLF follow; otherwise those bytes are content.
    private func findBoundary(from start: Int) -> BoundaryMatch {
        var searchFrom = start
        while let at = find(delimiter, from: searchFrom) {
            var index = at + delimiter.count
            guard buffer.count - index >= 2 else { return .undecided(at: at) }
            if buffer[index] == UInt8(ascii: "-"), buffer[index + 1] == UInt8(ascii: "-") {
                return .found(at: at, end: index + 2, closes: true)
            }
            while index < buffer.count, index - at - delimiter.count <= Self.paddingCountMax,
                  buffer[index] == 0x20 || buffer[index] == 0x09
            {
                index += 1
            }
            if buffer.count - index < 2, index - at - delimiter.count <= Self.paddingCountMax {
                return .undecided(at: at)
            }
            if buffer.count - index >= 2, buffer[index] == 13, buffer[index + 1] == 10 {
                return .found(at: at, end: index + 2, closes: false)
            }
            searchFrom = at + 1
        }
        return .none
    }

    /// Reads header lines up to the empty line; a part may have no headers at all.
    private func readHeaders() async throws -> [(name: String, value: String)] {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            if buffer.count - head >= 2, buffer[head] == 13, buffer[head + 1] == 10 {
                head += 2
                return []
            }
            end = find(terminator, from: head)
            if end == nil {
                guard buffer.count - head <= limits.headerByteCountMax else {
                    throw MultipartError.headersTooLarge(part: partCount, byteCountMax: limits.headerByteCountMax)
                }
                guard try await fill() else { throw MultipartError.truncated(part: partCount) }
            }
        }
        let blockEnd = end!
        guard blockEnd - head <= limits.headerByteCountMax else {
            throw MultipartError.headersTooLarge(part: partCount, byteCountMax: limits.headerByteCountMax)
        }
        let text = String(decoding: buffer[head..<blockEnd], as: UTF8.self)
        head = blockEnd + terminator.count
        var fields: [(name: String, value: String)] = []
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                // An obsolete folded continuation line belongs to the previous field.
                fields[fields.count - 1].value += " " + line.trimmingSpaces
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else {
                throw MultipartError.malformedHeader(part: partCount, line: String(line))
            }
            fields.append((String(line[..<colon]).lowercased(), line[line.index(after: colon)...].trimmingSpaces))
        }
        return fields
    }

    // MARK: - Buffer

    /// Reads the next piece of the body into the buffer; false at the body's end.
    private func fill() async throws -> Bool {
        guard !bodyEnded else { return false }
        guard let chunk = try await body.next() else {
            bodyEnded = true
            return false
        }
        byteCount += chunk.count
        guard byteCount <= limits.byteCountMax else { throw MultipartError.tooLarge(byteCountMax: limits.byteCountMax) }
        // Drop consumed bytes once they dominate, so the buffer stays about one read long.
        if head > 0, head >= buffer.count / 2 {
            buffer.removeFirst(head)
            head = 0
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    /// The first index at or after `start` where `pattern` occurs in the buffer.
    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        let patternCount = pattern.count
        guard buffer.count - start >= patternCount else { return nil }
        return buffer.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                let first = needle[0]
                var index = start
                let last = haystack.count - patternCount
                while index <= last {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < patternCount, haystack[index + matched] == needle[matched] { matched += 1 }
                        if matched == patternCount { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
