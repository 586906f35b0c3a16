import Scenarios
import Uploader

/// The uploader's driver: what scenario files call `component: uploader`. It starts an object store on the world's
/// `storage` host, so a scenario's topology must have that host (and its faults may target `storage:8080`).
public struct UploaderDriver: ComponentDriver {
    public let name = "uploader"
    public let summary = "Uploads files to an object store over HTTP and keeps a local index of what it holds."
    public let variants = Uploader.Variant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(.noPhantomIndexEntries, "Every object the index names is in the store, at its size."),
        InvariantDescriptor(.indexReadable, "The index file parses."),
    ]
    public let configurationKeys = UploaderConfiguration.keys
    public let defaultConfiguration = UploaderConfiguration()

    public init() {}

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> UploaderConfiguration {
        guard workload.topology.hosts.contains(UploadWorkload.storeHost) else {
            throw workload.mapping.node.error(
                "the uploader needs a host named '\(UploadWorkload.storeHost)' for its object store; the topology "
                    + "has: \(workload.topology.hosts.joined(separator: ", "))")
        }
        return try UploaderConfiguration.decode(workload)
    }

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        try UploadWorkload(world: context.world, variant: context.variant, configuration: context.configuration)
    }
}
