/// What a driver decodes its configuration from: the scenario file's `workload:` mapping (its keys already checked
/// against the driver's `configurationKeys`) and the topology, for checks that name hosts or packages.
public struct WorkloadSection {
    /// The `workload:` mapping; read values with `value(_:)` and `required(_:)`.
    public let mapping: LocatedMapping
    /// The world the workload runs in, as the file describes it.
    public let topology: TopologySpec

    /// The value of `key`, nil when the key is absent or empty.
    public func value(_ key: String) -> LocatedNode? {
        mapping.value(key)
    }

    /// The value of `key`, or an error at the `workload:` mapping that it is missing.
    public func required(_ key: String) throws(ScenarioFileError) -> LocatedNode {
        try mapping.required(key)
    }
}
