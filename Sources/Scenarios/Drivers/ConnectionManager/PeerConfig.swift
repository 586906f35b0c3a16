import ChaosComponents
import ChaosNet

/// The connection manager's workload (`workload.peers:`): the races it plays, or a lookup churn over many nodes,
/// the manager's settings and the peer network's faults.
public struct PeerConfig: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable {
        /// Each seed plays one race of `races`, drawn.
        case races
        /// Lookups over `nodes` nodes while peers crash, abort and come back.
        case lookupChurn = "lookup_churn"
    }

    public var mode = Mode.races
    public var races = PeerRaceCase.allCases
    /// Nodes of a lookup churn.
    public var nodes = 200
    /// Contacts each node of a churn knows when it boots.
    public var bootstrapContacts = 12
    /// Nodes of a churn that look up (and run the refresh loop); the others only answer.
    public var queryingNodes = 4
    /// Lookups each querying node makes, spread over `runFor`.
    public var lookupsPerNode = 3
    public var runFor: Duration = .seconds(60)
    /// One churn event (a crash, an abort or a reboot) this often, on average.
    public var churnEvery: Duration = .seconds(2)
    /// How long a crashed or aborted node stays down.
    public var downtime: Duration = .seconds(10)
    public var settings: ConnectionManagerSettings = {
        var settings = ConnectionManagerSettings()
        settings.refreshInterval = .seconds(20)
        return settings
    }()
    public var faults: [PeerFaultSpec] = []

    public init() {}
}

/// A peer fault of a scenario file: the fault, and the node it acts on by its index among the workload's nodes
/// (ids are drawn per seed), or nil for every node.
public struct PeerFaultSpec: Sendable, Equatable {
    public var fault: PeerFault
    public var nodeIndex: Int?

    public init(fault: PeerFault, nodeIndex: Int? = nil) {
        self.fault = fault
        self.nodeIndex = nodeIndex
    }
}
