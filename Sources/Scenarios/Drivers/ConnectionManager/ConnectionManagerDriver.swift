import ChaosComponents

/// The connection manager's driver: the incident's races between a few nodes, or lookups over hundreds of nodes
/// while peers crash, abort and come back, on the simulated peer network.
public struct ConnectionManagerDriver: ComponentDriver {
    public let name = "connection-manager"
    public let summary = "Holds peer connections and looks up nodes; no error may escape, no lookup may throw."
    public let variants = ConnectionManagerVariant.allCases.map { VariantName($0.rawValue) }
    public let invariants = [
        InvariantDescriptor(.lookupsReturn, "getClosestNodes and findNode return under every fault, never throwing."),
        InvariantDescriptor(.noLeaks, "After stop no connection, stream, timer or background task is left."),
        InvariantDescriptor(.boundedWaits, "Each call ends within connect + RPC timeout; waiters stay bounded."),
        InvariantDescriptor(
            .duplicateDialResolved, "A simultaneous dial leaves one connection within 1 s and loses no call."),
        InvariantDescriptor(.streamsCounted, "No graceful close cuts a stream; use counts never go below zero."),
        InvariantDescriptor(.typedCloseCodes, "Every forced close uses a ConnectionCloseCode."),
        InvariantDescriptor(.lookupConcurrency, "A lookup keeps at most α queries in flight."),
    ]
    public let configurationKeys = ["peers"]
    public let defaultConfiguration = PeerConfig()

    public init() {}

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> PeerConfig {
        try PeerConfigDecoder.decode(workload.value("peers"))
    }

    public func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        switch context.configuration.mode {
        case .races: PeerRaceWorkload(world: context.world, variant: context.variant, config: context.configuration)
        case .lookupChurn:
            PeerChurnWorkload(world: context.world, variant: context.variant, config: context.configuration)
        }
    }
}
