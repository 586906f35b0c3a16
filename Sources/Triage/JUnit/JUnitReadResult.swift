/// What reading a set of inputs produced: the files that parsed and the ones refused, each with its reason, so
/// that one bad file never loses the others.
public struct JUnitReadResult: Sendable, Equatable {
    public var files: [JUnitFile]
    public var refusals: [JUnitReadError]

    public init(files: [JUnitFile] = [], refusals: [JUnitReadError] = []) {
        self.files = files
        self.refusals = refusals
    }

    /// Paths in the order they were read (parsed and refused together).
    public var allPaths: [String] { (files.map(\.path) + refusals.map(\.path)).sorted() }
}
