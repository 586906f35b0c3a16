/// What runs in the world: which component, in which variants, configured how.
///
/// The component is named as its driver is registered (`DriverRegistry`); its configuration is the driver's own
/// value, decoded by the driver from the component's keys of `workload:`.
public struct WorkloadSpec: Sendable, Equatable {
    /// The driver's name (`service-manager`, `download-queue`, or one a user registers).
    public var component: String
    /// The variants a sweep runs when the command line does not pick one (`--variant`), in this order; empty means
    /// every variant the driver declares.
    public var variants: [VariantName]
    /// The registry package the component fetches (by name), for drivers that need one; nil means the registry's
    /// first package.
    public var package: String?
    /// Virtual time before the first operation, drawn uniformly from `0...startJitter` per seed, so that seeds
    /// meet the fault episodes at different phases.
    public var startJitter: Duration
    /// The driver's configuration value; nil means the driver's defaults.
    public var configuration: (any Sendable & Equatable)?

    public init(
        component: String, variants: [VariantName] = [], package: String? = nil, startJitter: Duration = .zero,
        configuration: (any Sendable & Equatable)? = nil
    ) {
        self.component = component
        self.variants = variants
        self.package = package
        self.startJitter = startJitter
        self.configuration = configuration
    }

    /// The configuration as the driver's type, nil when it is absent or of another type.
    public func configuration<Configuration>(as type: Configuration.Type) -> Configuration? {
        configuration as? Configuration
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.component == rhs.component && lhs.variants == rhs.variants && lhs.package == rhs.package
            && lhs.startJitter == rhs.startJitter && Self.equal(lhs.configuration, rhs.configuration)
    }

    /// Configurations are equal when both are absent, or both are of one type and equal as that type.
    private static func equal(_ lhs: (any Sendable & Equatable)?, _ rhs: (any Sendable & Equatable)?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        func matches<Value: Equatable>(_ value: Value) -> Bool { (rhs as? Value) == value }
        return matches(lhs)
    }
}
