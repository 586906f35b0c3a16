/// Who the simulated process is: its user and groups decide which of an entry's permission bits apply, as for a
/// real process. Shared by the file system and its inodes, so that a world can change it (a job that runs `sudo`)
/// and every check sees the change.
///
/// Thread-safety: none; use it on the simulation's thread, like the file system.
public final class SimProcessIdentity: @unchecked Sendable {
    /// The process's user; 0 is root, which every permission check lets through.
    public var userID: UInt32 { didSet { revision += 1 } }
    /// Its groups, the primary one first: new entries get the primary group.
    public var groupIDs: [UInt32] { didSet { revision += 1 } }
    /// Counts changes of `userID` and `groupIDs`, so that the file system knows its remembered permission checks
    /// are stale.
    public private(set) var revision = 0

    public init(userID: UInt32 = 1000, groupIDs: [UInt32] = [1000]) {
        precondition(!groupIDs.isEmpty, "a process has a primary group")
        self.userID = userID
        self.groupIDs = groupIDs
    }

    public var primaryGroupID: UInt32 { groupIDs[0] }
    public var isRoot: Bool { userID == 0 }

    /// The user and group of `setForeignOwner`: PostgreSQL's in the cache-manager incident's containers.
    public static let foreignOwnerID: UInt32 = 105
}
