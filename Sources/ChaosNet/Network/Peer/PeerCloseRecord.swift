import ChaosCore

/// One close an application made on a peer connection: which end, which connection, with what code and reason, and
/// when. What an invariant on close codes reads, from the network's side rather than the component's word.
public struct PeerCloseRecord: Sendable, Equatable {
    /// The node that closed.
    public var node: NodeID
    public var remoteNode: NodeID
    public var sharedID: UInt64
    public var code: UInt64
    public var reason: String
    /// Streams still open at the closing end: what the close cut.
    public var openStreams: Int
    public var atNanoseconds: Int64

    public init(
        node: NodeID, remoteNode: NodeID, sharedID: UInt64, code: UInt64, reason: String, openStreams: Int,
        atNanoseconds: Int64
    ) {
        self.node = node
        self.remoteNode = remoteNode
        self.sharedID = sharedID
        self.code = code
        self.reason = reason
        self.openStreams = openStreams
        self.atNanoseconds = atNanoseconds
    }
}
