import ChaosComponents

/// The download queue's driver: every document is enqueued at the start, then the service loop calls
/// `downloadNextHash` every interval, through the scenario's power losses (the queue is reopened on the same disk
/// after each one).
public struct DownloadQueueDriver: ComponentDriver {
    public let name = "download-queue"
    public let summary = "A persistent download queue with SOFT/HARD failures and retries, across power losses."
    public let variants = DownloadQueueVariant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(
            .queueEntriesSettled, "Every entry ends downloaded, HARD-failed, or SOFT-failed within its limits."),
        InvariantDescriptor(.noLostEntries, "No acknowledged entry is lost across restarts; none is completed twice."),
        InvariantDescriptor(.noEscapedErrors, "The queue throws nothing out of open or enqueue."),
    ]
    public let capabilities: DriverCapabilities = [.needsRegistry, .restartsAfterPowerLoss]
    public let configurationKeys = ["queue"]
    public let defaultConfiguration = QueueConfig()

    public init() {}

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> QueueConfig {
        try QueueConfigDecoder.decode(workload.value("queue"))
    }

    public func makeFixtures(_ context: FixtureContext<QueueConfig>) throws(ScenarioRunError) -> QueueDocuments {
        try QueueDocuments(
            config: context.configuration, store: context.requireStore(for: name), scenario: context.scenario.name)
    }

    /// The queue's documents, so that `chaos-run serve` lists their CIDs (`document-N`, `-invalid` for the ones
    /// that are not JSON).
    public func liveServices(_ context: LiveServiceContext<Self>) -> LiveServices {
        LiveServices(content: context.fixtures.documents.enumerated().compactMap { index, document in
            guard let cid = try? CID(document.cid) else { return nil }
            return ("document-\(index)" + (document.valid ? "" : "-invalid"), cid)
        })
    }

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        DownloadQueueWorkload(
            world: context.world, variant: context.variant, config: context.configuration,
            documents: context.fixtures)
    }
}
