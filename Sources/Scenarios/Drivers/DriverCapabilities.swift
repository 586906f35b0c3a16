/// What a component needs from its world or can live through; the loader refuses a scenario file that asks for more,
/// at the node that asks, and the runner refuses a scenario built in code the same way.
public struct DriverCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The topology must have an IPFS registry.
    public static let needsRegistry = DriverCapabilities(rawValue: 1 << 0)
    /// The component fetches a registry package: the registry must hold one, and `workload.package` may name it.
    public static let needsRegistryPackage = DriverCapabilities(rawValue: 1 << 1)
    /// The driver restarts the component after a power loss, so `crash` file-system faults may be scheduled.
    public static let restartsAfterPowerLoss = DriverCapabilities(rawValue: 1 << 2)
}
