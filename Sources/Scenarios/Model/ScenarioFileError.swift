/// A problem in a scenario file, located at the node that causes it, so that an editor or a terminal can jump there.
///
/// The description has the compiler's `path:line:column: message` shape, which editors and CI logs already link.
public struct ScenarioFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given to the loader.
    public var path: String
    /// 1-based line of the offending node, or of the mapping that misses a required key.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as libyaml counts them).
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}
