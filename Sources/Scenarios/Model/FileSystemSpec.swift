import ChaosNet

/// The component host's file system: which durability model its directories follow, at the root and below mount
/// points (`file_system:` in scenario files).
public struct FileSystemSpec: Sendable, Equatable {
    /// The root's model, and that of every directory outside `mounts`.
    public var durability: SimFileSystem.DurabilityModel
    public var mounts: [SimFileSystem.Mount]
    /// What each operation costs in virtual time (`disk:`); free by default.
    public var latency: SimFileSystem.Latency

    public init(
        durability: SimFileSystem.DurabilityModel = .journaledMetadata, mounts: [SimFileSystem.Mount] = [],
        latency: SimFileSystem.Latency = .none
    ) {
        self.durability = durability
        self.mounts = mounts
        self.latency = latency
    }
}
