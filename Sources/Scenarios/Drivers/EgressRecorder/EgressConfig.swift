import ChaosComponents
import ChaosNet

/// The egress recorder's workload (`workload.egress:`): the clients' open load, how long it runs, what the driver
/// does at the end, and the recorder's settings.
public struct EgressConfig: Sendable, Equatable {
    public var load = LoadProfile(
        arrivalsPerSecond: 200, bodySize: BodySizeDistribution(median: 16 << 10, sigma: 1.5, cap: 256 << 10),
        rangeFraction: 0.1, clientTimeout: .seconds(30))
    /// Receipt sizes, drawn uniformly per request (the invocation and its proofs).
    public var receiptSize: ClosedRange<Int> = (2 << 10)...(8 << 10)
    /// How long clients send requests.
    public var runFor: Duration = .seconds(60)
    /// How long the node runs after the load (and the final power loss) before the invariants are checked.
    public var drain: Duration = .seconds(600)
    /// Whether the power is cut once the load is over, before the drain.
    public var finalPowerLoss = true
    /// Past it, the node's process dies (`crash`, `egress.oom`).
    public var memoryBudget = 64 << 20
    public var settings: EgressSettings = {
        var settings = EgressSettings()
        settings.maxBatchBytes = 1 << 20
        return settings
    }()

    public init() {}
}
