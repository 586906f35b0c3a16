/// What a driver builds one seed's workload from: the seed's world, the variant, and the driver's configuration and
/// fixtures, typed as the driver declares them.
public struct WorkloadContext<Driver: ComponentDriver> {
    public let world: ScenarioWorld
    public let variant: VariantName
    public let configuration: Driver.Configuration
    public let fixtures: Driver.Fixtures
}
