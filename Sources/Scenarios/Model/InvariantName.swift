/// The name of an invariant, as scenario files (`invariants:`), signatures and reports spell it
/// (`no_partial_directories`).
///
/// Each driver extends it with the invariants of its component
/// (`extension InvariantName { static let noLostEntries: Self = "no_lost_entries" }`) and lists them in its
/// descriptor; checkers return `InvariantViolation`s that carry the name, so nothing parses prose.
public struct InvariantName: OpenName {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// No component lets an unexpected error escape (an HTTP 500 `Internal Server Error`, a thrown raw error). Every
    /// driver may check it; the built-in ones all do.
    public static let noEscapedErrors: InvariantName = "no_escaped_errors"
}
