/// A scenario the file format cannot express, found while writing it (`ScenarioFileWriter`): a configuration without
/// the text it came from, an error or a latency profile only code can build.
public struct ScenarioWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
