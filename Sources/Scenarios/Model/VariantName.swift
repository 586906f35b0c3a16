/// The name of one implementation of a component, as scenario files, reports and `--variant` spell it: `naive` (the
/// incident's shape), `robust` (the fix), or any other a driver declares (an incident may have several wrong shapes).
public struct VariantName: OpenName {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Faithful to the incident the component reproduces.
    public static let naive: VariantName = "naive"
    /// The fix.
    public static let robust: VariantName = "robust"
}
