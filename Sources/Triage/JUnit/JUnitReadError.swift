/// Why a file was refused, rendering as `path:line: expected …` so that an editor can jump to the line.
public struct JUnitReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The bytes are not well-formed XML (empty, truncated, binary, bad tokens), or use a DTD or entity.
        case malformedXML
        /// Well-formed XML whose root is not `testsuites` or `testsuite`.
        case notJUnit
        /// The file could not be opened or read, or the path does not exist.
        case unreadable
    }

    public var kind: Kind
    public var path: String
    /// 1-based line of the offending element or token; nil only when the file could not be read at all.
    public var line: Int?
    /// Completes "expected …".
    public var expected: String

    public init(kind: Kind, path: String, line: Int?, expected: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.expected = expected
    }

    public var description: String {
        if let line { return "\(path):\(line): expected \(expected)" }
        return "\(path): expected \(expected)"
    }
}
