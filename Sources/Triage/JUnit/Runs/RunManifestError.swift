/// A manifest row (or the manifest itself) that was refused, rendering as `runs.csv:line: expected …`.
public struct RunManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line; nil when the manifest could not be read at all.
    public var line: Int?
    public var expected: String

    public init(path: String, line: Int?, expected: String) {
        self.path = path
        self.line = line
        self.expected = expected
    }

    public var description: String {
        if let line { return "\(path):\(line): expected \(expected)" }
        return "\(path): expected \(expected)"
    }
}
