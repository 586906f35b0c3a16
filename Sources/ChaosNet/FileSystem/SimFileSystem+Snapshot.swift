extension SimFileSystem {
    /// The tree below `root` as it is now, seen from outside the simulation: no latency, no counters, no failure
    /// rules and no permission checks, so that invariant checkers see everything.
    public func snapshot(of root: String = "/") throws(FileSystemError) -> FileTreeSnapshot {
        let (root, components) = try parse(root)
        let resolution = try resolve(root, components: components, followFinal: true, checkPermissions: false)
        guard let top = resolution.node else { throw .notFound(path: root) }
        guard top.kind == .directory else { throw .notADirectory(path: root) }
        var entries: [FileTreeSnapshot.Entry] = []
        var pending: [(relative: String, directory: SimInode)] = [("", top)]
        while let (relative, directory) = pending.popLast() {
            for name in directory.sortedChildNames {
                guard let child = directory.children[name] else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                let attributes = child.attributes
                var entry = FileTreeSnapshot.Entry(
                    path: path, kind: attributes.kind, mode: attributes.mode, size: attributes.size)
                switch child.kind {
                case .file: entry.contentDigest = child.content.digest
                case .symlink: entry.symlinkTarget = child.target
                case .directory: pending.append((path, child))
                case .other: break
                }
                entries.append(entry)
            }
        }
        return FileTreeSnapshot(root: root, entries: entries)
    }

    /// The content of the file at `path` as it is now, seen from outside the simulation like `snapshot`: no latency,
    /// no counters, no faults, no permission checks. For invariant checkers that must read what a fault would hide.
    public func inspectContent(at path: String) throws(FileSystemError) -> FileContent {
        let (path, components) = try parse(path)
        let node = try resolve(path, components: components, followFinal: true, checkPermissions: false).node
        guard let node else { throw .notFound(path: path) }
        guard node.kind == .file else { throw .isADirectory(path: path) }
        return node.content
    }
}
