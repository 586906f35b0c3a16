/// Turns a failure message into the part that stays the same across runs of the same cause: what varies between
/// runs (timestamps, durations, addresses, hex and UUID ids, paths, numbers) becomes a placeholder, so that
/// "timed out after 5012 ms at 0x7ffe3a" and "timed out after 4998 ms at 0x7ffe91" are one signature.
///
/// The rules run in a fixed order, most specific first: a timestamp is replaced before its digits could be read as
/// numbers, a duration before its number, a path before the digits in it.
public struct FailureMessageNormaliser: Sendable {
    /// Longest normalised message kept; stack traces pasted into `message=` would otherwise make every signature
    /// unique and unreadable.
    public var lengthMax: Int

    public init(lengthMax: Int = 200) {
        self.lengthMax = lengthMax
    }

    /// Placeholders, as they appear in normalised messages (and in reports/README.md).
    public enum Placeholder: String, CaseIterable, Sendable {
        case time = "<time>"
        case id = "<id>"
        case address = "<address>"
        case path = "<path>"
        case hex = "<hex>"
        case duration = "<duration>"
        case number = "<n>"
    }

    /// `message` with its varying parts replaced and its whitespace collapsed.
    public func normalise(_ message: String) -> String {
        var text = message
        for (pattern, placeholder) in Self.rules {
            text = text.replacing(pattern, with: placeholder.rawValue)
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        let collapsed = words.joined(separator: " ")
        return collapsed.count > lengthMax ? String(collapsed.prefix(lengthMax)) + "…" : collapsed
    }

    /// The error type a message starts with (`AssertionError: …`, `java.net.SocketTimeoutException: …`), as pytest
    /// and JUnit 5 write it when the `type=` attribute is missing; nil when the message does not start with one.
    public func leadingType(of message: String) -> String? {
        guard let match = message.prefixMatch(of: Self.leadingTypePattern) else { return nil }
        let name = String(match.1)
        let isTypeName = name.contains(".") || Self.typeSuffixes.contains { name.hasSuffix($0) }
        return isTypeName ? name : nil
    }

    private static let typeSuffixes = ["Error", "Exception", "Failure", "Timeout", "Exit", "Interrupt"]

    nonisolated(unsafe) private static let leadingTypePattern = #/([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*):(?:\s|$)/#

    // Swift's `Regex` is not Sendable; these are never mutated after initialisation, and matching does not mutate.
    nonisolated(unsafe) private static let rules: [(Regex<Substring>, Placeholder)] = [
        (
            #/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/#,
            .time
        ),
        (#/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/#, .time),
        (#/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/#, .id),
        (#/0[xX][0-9a-fA-F]+/#, .address),
        // Relative paths that end in a file name (`tests/basic.rs`) or have three parts or more; then absolute,
        // home-relative and ./-relative paths and Windows drives, which must start a word (not `a/b` in a ratio).
        (#/(?:[A-Za-z]:|~|\.{1,2})?[\\\/]?(?:[\w.\-]+[\\\/])+[\w\-]+\.[A-Za-z]\w*/#, .path),
        (#/(?:[A-Za-z]:|~|\.{1,2})?[\\\/]?(?:[\w.\-]+[\\\/]){2,}[\w.\-]+/#, .path),
        // `\B` with simple word boundaries: the `/` must not follow a letter or digit (no lookbehind in Swift).
        (
            #/(?:\b[A-Za-z]:[\\\/]|\B\.{0,2}\/|\B~\/)[^\s:'"()\[\]<>,;]+/#.wordBoundaryKind(.simple),
            .path
        ),
        // Hex runs of 8 or more with at least one digit and one letter: git SHAs, Java identity hashes.
        (#/\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b/#, .hex),
        (
            #/\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b/#,
            .duration
        ),
        (#/\b\d+(?:[.,]\d+)*\b/#, .number),
    ]
}
