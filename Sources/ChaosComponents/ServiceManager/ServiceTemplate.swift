/// What a client posts to create a service: a name and the IPFS hash of its package.
public struct ServiceTemplate: Sendable, Equatable {
    public var name: String
    /// The package's CID.
    public var hash: String

    public init(name: String, hash: String) {
        self.name = name
        self.hash = hash
    }
}
