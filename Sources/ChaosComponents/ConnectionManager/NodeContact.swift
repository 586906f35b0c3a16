import ChaosCore

/// A node the graph knows: its id and where it listens.
public struct NodeContact: Hashable, Sendable, CustomStringConvertible {
    public var node: NodeID
    public var address: Endpoint

    public init(node: NodeID, address: Endpoint) {
        self.node = node
        self.address = address
    }

    public var description: String { "\(node)@\(address)" }
}
