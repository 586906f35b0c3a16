/// The name of one implementation of a component, as scenario files, reports and `--variant` spell it: `naive` (the
/// incident's shape), `robust` (the fix), or any other a driver declares (an incident may have several wrong shapes).
///
/// An open, string-backed type, as `HTTPField.Name` is: each driver lists its own variants, and the common two are
/// named here.
public struct VariantName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
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

    /// Faithful to the incident the component reproduces.
    public static let naive: VariantName = "naive"
    /// The fix.
    public static let robust: VariantName = "robust"
}
