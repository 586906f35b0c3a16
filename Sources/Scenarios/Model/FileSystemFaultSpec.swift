import ChaosNet

/// A fault of the component's file system, active as the fault's activity says.
public struct FileSystemFaultSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The disk holds at most `capacityBytes` of file contents while active: writes beyond fail with ENOSPC.
        case diskFull(capacityBytes: Int)
        /// Every operation costs the NFS-like latency profile while active (metadata round trips).
        case slowMetadata
        /// Power is lost at the start of each active period: unsynced data is gone, the component stops, and it is
        /// restarted on the same disk when the period ends (the period is the downtime).
        case crash

        /// The kind's name in scenario files: `disk_full`, `slow_metadata`, `crash`.
        public var name: String {
            switch self {
            case .diskFull: "disk_full"
            case .slowMetadata: "slow_metadata"
            case .crash: "crash"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var activity: FaultActivity

    public init(name: String, kind: Kind, activity: FaultActivity = .always) {
        self.name = name
        self.kind = kind
        self.activity = activity
    }
}
