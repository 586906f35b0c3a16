extension SimFileSystem {
    /// One directory being emptied by `removeTree`.
    private struct RemovalFrame {
        let directory: SimInode
        let path: String
        let parent: SimInode
        let name: String
        /// The names listed when the directory was entered, sorted by bytes.
        let names: [String]
        var nextIndex = 0
    }

    public func removeTree(at path: String) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        try await chargeMetadata(path: path, as: .lookup)
        let resolution = try resolve(path, components: components, followFinal: false)
        guard let name = resolution.name else { throw .invalidPath(path: path, reason: "the root cannot be removed") }
        guard let node = resolution.node else { throw .notFound(path: path) }
        guard node.kind == .directory else {
            try await removeEntry(name, expected: node, from: resolution.parent, path: path)
            return
        }
        // Depth-first and iterative, as `rm -rf` works: each directory is listed once (a metadata round trip, and
        // the read and search bits), its entries are unlinked one by one, then the emptied directory itself.
        // Symlinks are entries like any other: unlinked, never followed.
        var stack = [try await enter(node, path: path, parent: resolution.parent, name: name)]
        while !stack.isEmpty {
            let frame = stack[stack.count - 1]
            guard frame.nextIndex < frame.names.count else {
                stack.removeLast()
                try await removeEntry(frame.name, expected: frame.directory, from: frame.parent, path: frame.path)
                continue
            }
            stack[stack.count - 1].nextIndex += 1
            let childName = frame.names[frame.nextIndex]
            let childPath = FileSystemPath.joining(frame.path, childName)
            // Another task may have removed or replaced the entry while this one slept: skip what is gone.
            guard let child = frame.directory.children[childName] else { continue }
            if child.kind == .directory {
                stack.append(try await enter(child, path: childPath, parent: frame.directory, name: childName))
            } else {
                try await removeEntry(childName, expected: child, from: frame.directory, path: childPath)
            }
        }
    }

    /// Lists `directory` for removal.
    private func enter(
        _ directory: SimInode, path: String, parent: SimInode, name: String
    ) async throws(FileSystemError) -> RemovalFrame {
        try await chargeMetadata(path: path, as: .readdir)
        try consultFailureRules(.listDirectory, paths: [path])
        guard directory.canRead, directory.canSearch else { throw .permissionDenied(path: path) }
        return RemovalFrame(
            directory: directory, path: path, parent: parent, name: name, names: directory.sortedChildNames)
    }

    /// One unlink or rmdir of `name` in `directory`, if it still names `expected`.
    private func removeEntry(
        _ name: String, expected: SimInode, from directory: SimInode, path: String
    ) async throws(FileSystemError) {
        try await chargeMetadata(path: path, as: .remove)
        try consultFailureRules(.remove, paths: [path])
        guard directory.children[name] === expected else { return }
        if expected.kind == .directory, !expected.children.isEmpty { throw .directoryNotEmpty(path: path) }
        try checkWritable()
        guard directory.canWrite, directory.canSearch else { throw .permissionDenied(path: path) }
        unlink(name, from: directory)
    }
}
