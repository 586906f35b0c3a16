/// A name from an open set, spelt as scenario files, signatures and reports spell it: each driver adds its own, as
/// `HTTPField.Name` is extended. `VariantName` and `InvariantName` are the two. Encoded as a plain JSON string (the
/// standard library's `RawRepresentable` coding), ordered by spelling.
public protocol OpenName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String
{
    init(rawValue: String)
}

extension OpenName {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
