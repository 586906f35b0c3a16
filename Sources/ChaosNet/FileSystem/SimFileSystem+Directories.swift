extension SimFileSystem {
    public func createDirectory(
        at path: String, mode: UInt16, withIntermediates: Bool
    ) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let (path, components) = try parse(path)
        guard withIntermediates else {
            try await makeDirectory(path, components: components, mode: mode, existing: .fail)
            return
        }
        // One mkdir per component, as `mkdir -p` issues them, so that each costs a metadata round trip.
        if components.isEmpty { try await chargeMetadata(path: path, as: .mkdir) }
        for count in components.indices.map({ $0 + 1 }) {
            let isLast = count == components.count
            try await makeDirectory(
                path, components: Array(components.prefix(count)), mode: isLast ? mode : mode | 0o300,
                existing: isLast ? .acceptDirectory : .acceptDirectoryElseNotADirectory)
        }
    }

    /// One `mkdir` of the directory named by `components`; errors name `path`, the path the caller asked for.
    private func makeDirectory(
        _ path: String, components: [String], mode: UInt16, existing: ExistingDirectoryPolicy
    ) async throws(FileSystemError) {
        // Each mkdir of `mkdir -p` is charged where its own directory is, which may be another mount than the last.
        try await chargeMetadata(
            path: storageSites.isEmpty ? path : "/" + components.joined(separator: "/"), as: .mkdir)
        try consultFailureRules(.createDirectory, paths: [path])
        let resolution = try resolve(path, components: components, followFinal: false)
        guard let name = resolution.name else {
            // Only the root has no name when the final component is not followed.
            if existing == .fail { throw .alreadyExists(path: path) }
            return
        }
        if let node = resolution.node {
            if existing != .fail {
                // `mkdir -p` accepts a symlink to a directory, as `stat` after EEXIST does.
                let target = node.kind == .symlink
                    ? try? resolve(path, components: components, followFinal: true).node : node
                if target?.kind == .directory { return }
                if existing == .acceptDirectoryElseNotADirectory { throw .notADirectory(path: path) }
            }
            throw .alreadyExists(path: path)
        }
        try checkWritable()
        guard resolution.parent.canWrite else { throw .permissionDenied(path: path) }
        let directory = try makeInode(.directory, mode: mode, path: path)
        directory.hasStrictEntries = mountDurability(at: components).map { $0 == .strictDirectories }
            ?? resolution.parent.hasStrictEntries
        link(directory, into: resolution.parent, as: name)
    }

    public func listDirectory(at path: String) async throws(FileSystemError) -> [String] {
        let (path, components) = try parse(path)
        if let site = storageSite(at: path) {
            // One READDIR(PLUS) reply carries a batch of entries; an empty directory still takes one.
            counters.metadataOperations += 1
            let entries = (try? resolve(path, components: components, followFinal: true).node?.children.count) ?? 0
            let perReply = storageSites[site].profile.readdirEntriesPerReply
            try await charge(bill(site, .readdir, count: max(1, (entries + perReply - 1) / perReply)), path: path)
        } else {
            try await chargeMetadata(path: path, as: .readdir)
        }
        try consultFailureRules(.listDirectory, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        guard node.kind == .directory else { throw .notADirectory(path: path) }
        guard node.canRead else { throw .permissionDenied(path: path) }
        return node.sortedChildNames
    }

    public func syncDirectory(at path: String) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        counters.directorySyncs += 1
        if let site = storageSite(at: path) {
            let cost = storageSites[site].profile.commitCost(unflushedBytes: 0)
            try await charge(bill(site, .commit, cost: cost), path: path)
        } else {
            try await charge(currentLatency().fileSync, path: path)
        }
        try consultFailureRules(.syncDirectory, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        guard node.kind == .directory else { throw .notADirectory(path: path) }
        // `open(dir, O_RDONLY)` needs the read bit before there is anything to fsync.
        guard node.canRead else { throw .permissionDenied(path: path) }
        makeEntriesDurable(node)
    }

    /// Records the directory's current entries as the ones that survive a crash (strict model only).
    func makeEntriesDurable(_ directory: SimInode) {
        guard directory.hasStrictEntries else { return }
        directory.durableChildren = directory.children
    }
}
