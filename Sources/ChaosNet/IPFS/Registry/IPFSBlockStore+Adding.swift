/// Adding content the way `ipfs add` does: through the UnixFS importer, directory builder and symlink encoder.
extension IPFSBlockStore {
    /// Imports `bytes` as a file with `options` (Kubo's defaults unless given) and stores its blocks.
    @discardableResult
    public func add(file bytes: some Collection<UInt8>, options: UnixFSImportOptions = UnixFSImportOptions())
        throws(IPFSAddError) -> ImportedNode
    {
        try add(.file(Array(bytes)), options: options)
    }

    /// Imports a whole tree (files, symlinks, nested directories) and stores every block; returns the tree's root.
    ///
    /// Nothing is stored when the tree is refused (a bad name, a duplicate entry); a full store leaves the blocks
    /// stored before it filled up, as a real node's blockstore would.
    @discardableResult
    public func add(_ tree: IPFSContentTree, options: UnixFSImportOptions = UnixFSImportOptions())
        throws(IPFSAddError) -> ImportedNode
    {
        var blocks: [IPFSBlock] = []
        let root = try Self.importTree(tree, options: options) { blocks.append($0) }
        do {
            try put(blocks)
        } catch {
            throw .store(error)
        }
        return root
    }

    /// Encodes `tree` and hands every block to `sink` (children before parents); returns the root.
    static func importTree(
        _ tree: IPFSContentTree, options: UnixFSImportOptions, sink: (IPFSBlock) -> Void
    ) throws(IPFSAddError) -> ImportedNode {
        switch tree {
        case let .file(bytes):
            return UnixFSImporter.importFile(bytes, options: options, sink: sink)
        case let .symlink(target):
            do {
                return try UnixFSSymlink(target: target, options: options).finish(sink: sink)
            } catch {
                throw .entry(path: "", error)
            }
        case let .directory(entries):
            var builder = UnixFSDirectoryBuilder(options: options)
            for entry in entries {
                let child: ImportedNode
                do {
                    child = try importTree(entry.tree, options: options, sink: sink)
                } catch let .entry(path, error) {
                    throw .entry(path: path.isEmpty ? entry.name : entry.name + "/" + path, error)
                } catch {
                    throw error
                }
                do {
                    try builder.add(name: entry.name, node: child)
                } catch {
                    throw .entry(path: entry.name, error)
                }
            }
            return builder.finish(sink: sink)
        }
    }
}
