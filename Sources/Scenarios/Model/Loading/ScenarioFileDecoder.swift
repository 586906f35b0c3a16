/// Builds a `ScenarioFile` from a file's root mapping, section by section, in the order the checks need: hosts
/// before the links and faults that name them, the registry before the workload's package, the component (and its
/// driver) before the invariants and the expectations, and last what the component's driver cannot give.
enum ScenarioFileDecoder {
    static let keys = [
        "name", "description", "seeds", "first_seed", "time_limit", "schedule", "topology", "links", "faults", "file_system",
        "file_system_faults", "workload", "invariants", "expectations", "rerun",
    ]
    static let seedCountRange = 1...1_000_000

    static func decode(_ root: LocatedNode, drivers: DriverRegistry) throws(ScenarioFileError) -> ScenarioFile {
        let top = try root.mapping("the top level", allowedKeys: keys)
        let name = try top.required("name").identifier()
        let description = try top.required("description").string()
        let seedCount = try top.value("seeds")?.integer(in: seedCountRange) ?? 100
        let firstSeed = try decodeFirstSeed(top.value("first_seed"))
        let timeLimit = try top.value("time_limit")?.positiveDuration() ?? .seconds(3600)
        let (schedule, timerWakeups) = try ScheduleDecoder.decode(top.value("schedule"))
        let topology = try TopologyDecoder.decode(top.value("topology"), in: top)
        let links = try LinkListDecoder.decode(top.value("links"), topology: topology)
        let faults = try FaultListDecoder.decode(top.value("faults"), hosts: topology.hosts)
        let workloadNode = try top.required("workload")
        let (workload, driver) = try WorkloadDecoder.decode(workloadNode, topology: topology, drivers: drivers)
        let fileSystem = try FileSystemDecoder.decode(top.value("file_system"))
        let fileSystemFaults = try FileSystemFaultListDecoder.decode(
            top.value("file_system_faults"), networkFaultNames: faults.map(\.name))
        let invariants = try InvariantListDecoder.decode(top.value("invariants"), driver: driver, drivers: drivers)
        let expectations = try ExpectationsDecoder.decode(
            top.value("expectations"), variants: workload.variants, driver: driver)
        let rerun = try RerunDecoder.decode(top.value("rerun"), component: workload.component)
        let scenario = ScenarioFile(
            name: name, description: description, seedCount: seedCount, firstSeed: firstSeed, timeLimit: timeLimit,
            schedule: schedule, timerWakeups: timerWakeups, topology: topology,
            links: links, faults: faults, fileSystem: fileSystem, fileSystemFaults: fileSystemFaults,
            workload: workload,
            invariants: invariants, expectations: expectations, rerun: rerun)
        if let unmet = UnmetRequirement.first(in: scenario, for: driver) {
            throw node(asking: unmet, top: top, workload: workloadNode).error(unmet.message(component: driver.name))
        }
        return scenario
    }

    /// `first_seed`: any seed a sweep could start from, so 0 or more.
    private static func decodeFirstSeed(_ node: LocatedNode?) throws(ScenarioFileError) -> UInt64? {
        guard let node else { return nil }
        let value = try node.integer(in: Int.min...Int.max)
        guard value >= 0 else { throw node.error("'first_seed' must be a seed, 0 or more, got \(value)") }
        return UInt64(value)
    }

    /// The node that asks for what the driver cannot give: the crash fault's `kind`, the workload's `package`, or
    /// the workload's `component`.
    private static func node(asking unmet: UnmetRequirement, top: LocatedMapping, workload: LocatedNode)
        -> LocatedNode
    {
        let mapping = try? workload.mapping("workload", allowedKeys: nil)
        let component = mapping?.value("component") ?? workload
        switch unmet {
        case let .crashFault(name):
            let items = (try? top.value("file_system_faults")?.list()) ?? []
            for item in items {
                guard let fault = try? item.mapping("file system fault", allowedKeys: nil),
                      (try? fault.value("name")?.identifier()) == name
                else { continue }
                return fault.value("kind") ?? item
            }
            return component
        case .registryPackage:
            return mapping?.value(WorkloadDecoder.packageKey) ?? component
        case .registry:
            return component
        }
    }
}
