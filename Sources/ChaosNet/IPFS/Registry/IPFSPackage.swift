/// A package that was generated and added to a block store: its root and the tree it was built from.
public struct IPFSPackage: Hashable, Sendable {
    /// The spec it was generated from.
    public let spec: IPFSPackageSpec
    /// The root directory as `ipfs add` reports it.
    public let root: ImportedNode
    /// The generated content, to compare a download against.
    public let tree: IPFSContentTree

    public init(spec: IPFSPackageSpec, root: ImportedNode, tree: IPFSContentTree) {
        self.spec = spec
        self.root = root
        self.tree = tree
    }

    /// The root directory's CID.
    public var cid: CID { root.cid }
}
