/// The name of an invariant, as scenario files (`invariants:`), signatures and reports spell it
/// (`no_partial_directories`).
///
/// An open, string-backed type, as `HTTPField.Name` is: each driver extends it with the invariants of its component
/// (`extension InvariantName { static let noLostEntries: Self = "no_lost_entries" }`) and lists them in its
/// descriptor; checkers return `InvariantViolation`s that carry the name, so nothing parses prose.
public struct InvariantName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// No component lets an unexpected error escape (an HTTP 500 `Internal Server Error`, a thrown raw error). Every
    /// driver may check it; the built-in ones all do.
    public static let noEscapedErrors: InvariantName = "no_escaped_errors"
}
