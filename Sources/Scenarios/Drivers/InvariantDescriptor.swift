/// One invariant a driver checks: its name and what it promises, for error messages, `chaos-run components` and the
/// docs.
public struct InvariantDescriptor: Sendable, Equatable {
    public var name: InvariantName
    /// One sentence: what holds when the invariant does.
    public var summary: String

    public init(_ name: InvariantName, _ summary: String) {
        self.name = name
        self.summary = summary
    }
}
