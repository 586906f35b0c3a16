import ChaosComponents

/// The egress recorder's driver: an open load of retrievals against a node that records a receipt per response
/// and reports batches to a tracker, through bursts, disk stalls and faults, power losses and tracker outages.
public struct EgressRecorderDriver: ComponentDriver {
    public let name = "egress-recorder"
    public let summary = "Records an egress receipt per retrieval under load; no receipt may be lost for served data."
    public let variants = EgressVariant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(.receiptsDurable, "Every response that sent body bytes has a durable receipt."),
        InvariantDescriptor(.noDuplicateReceipts, "No receipt is recorded twice; the tracker counts each batch once."),
        InvariantDescriptor(
            .boundedWork, "Work in flight stays within permits + queue (naive variants have no bound to keep)."),
        InvariantDescriptor(.batchesIntact, "Every batch parses and is named by its sha256; no torn journal tail."),
        InvariantDescriptor(.batchesAccounted, "Every rotated batch is reported once or still pending on disk."),
        InvariantDescriptor(
            .noCancellationAfterResponse, "No receipt operation fails with cancellation after its response."),
    ]
    public let capabilities: DriverCapabilities = [.restartsAfterPowerLoss]
    public let configurationKeys = ["egress"]
    public let defaultConfiguration = EgressConfig()

    public init() {}

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> EgressConfig {
        try EgressConfigDecoder.decode(workload.value("egress"))
    }

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        try EgressWorkload(world: context.world, variant: context.variant, config: context.configuration)
    }
}
