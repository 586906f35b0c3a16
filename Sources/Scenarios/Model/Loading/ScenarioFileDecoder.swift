/// Builds a `ScenarioFile` from a file's root mapping, section by section, in the order the checks need: hosts
/// before the links and faults that name them, the registry before the workload's package, the component before
/// the invariants and the file-system faults, the variants before the expectations.
enum ScenarioFileDecoder {
    static let keys = [
        "name", "description", "seeds", "time_limit", "topology", "links", "faults", "file_system_faults",
        "workload", "invariants", "expectations", "rerun",
    ]
    static let seedCountRange = 1...1_000_000

    static func decode(_ root: LocatedNode) throws(ScenarioFileError) -> ScenarioFile {
        let top = try root.mapping("the top level", allowedKeys: keys)
        let name = try top.required("name").identifier()
        let description = try top.required("description").string()
        let seedCount = try top.value("seeds")?.integer(in: seedCountRange) ?? 100
        let timeLimit = try top.value("time_limit")?.positiveDuration() ?? .seconds(3600)
        let topology = try TopologyDecoder.decode(top.value("topology"), in: top)
        let links = try LinkListDecoder.decode(top.value("links"), topology: topology)
        let faults = try FaultListDecoder.decode(top.value("faults"), hosts: topology.hosts)
        let workload = try WorkloadDecoder.decode(top.required("workload"), registry: topology.registry)
        let fileSystemFaults = try FileSystemFaultListDecoder.decode(
            top.value("file_system_faults"), networkFaultNames: faults.map(\.name), component: workload.component)
        let invariants = try InvariantListDecoder.decode(top.value("invariants"), component: workload.component)
        let expectations = try ExpectationsDecoder.decode(top.value("expectations"), variants: workload.variants)
        let rerun = try RerunDecoder.decode(top.value("rerun"))
        return ScenarioFile(
            name: name, description: description, seedCount: seedCount, timeLimit: timeLimit, topology: topology,
            links: links, faults: faults, fileSystemFaults: fileSystemFaults, workload: workload,
            invariants: invariants, expectations: expectations, rerun: rerun)
    }
}
