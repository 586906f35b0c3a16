extension SimFileSystem {
    public func createSymlink(at path: String, target: String) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        try FileSystemPath.validateSymlinkTarget(target, at: path)
        try await chargeMetadata(path: path, as: .symlink)
        try consultFailureRules(.createSymlink, paths: [path])
        let resolution = try resolve(path, components: components, followFinal: false)
        guard let name = resolution.name, resolution.node == nil else { throw .alreadyExists(path: path) }
        try checkWritable()
        guard resolution.parent.canWrite else { throw .permissionDenied(path: path) }
        // Symlink permission bits are ignored everywhere; Linux reports 0o777.
        let link = try makeInode(.symlink, mode: 0o777, path: path)
        link.target = target
        self.link(link, into: resolution.parent, as: name)
    }

    public func readSymlink(at path: String) async throws(FileSystemError) -> String {
        let (path, components) = try parse(path)
        try await chargeMetadata(path: path, as: .readlink)
        try consultFailureRules(.readSymlink, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: false)
        guard node.kind == .symlink else { throw .invalidPath(path: path, reason: "not a symbolic link") }
        return node.target
    }

    public func attributes(at path: String, followSymlinks: Bool) async throws(FileSystemError) -> FileAttributes {
        let (path, components) = try parse(path)
        try await chargeMetadata(path: path, as: .getattr)
        try consultFailureRules(.attributes, paths: [path])
        return try resolveExisting(path, components: components, followFinal: followSymlinks).attributes
    }

    public func setPermissions(at path: String, mode: UInt16) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let (path, components) = try parse(path)
        try await chargeSetattr(path: path, components: components)
        try consultFailureRules(.setPermissions, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        try checkWritable()
        // Only the owner (or root) may chmod (EPERM, reported as permission denied).
        guard node.isOwnedByProcess else { throw .permissionDenied(path: path) }
        // A directory's bits decide who may search it; a file's decide nothing about lookups.
        if node.kind == .directory { forgetResolution() }
        node.mode = mode
    }

    public func setModificationTime(at path: String, seconds: Int64) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        try await chargeSetattr(path: path, components: components)
        try consultFailureRules(.setModificationTime, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        try checkWritable()
        // utimensat with explicit times needs ownership, as chmod does.
        guard node.isOwnedByProcess else { throw .permissionDenied(path: path) }
        node.modificationTime = seconds
    }

    public func setOwner(at path: String, userID: UInt32, groupID: UInt32) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        let node = peekFile(path, components: components, followFinal: true)
        // The client sends no SETATTR when nothing changes (`cp -a` of a file the process already owns).
        if let node, node.ownerID != userID || node.groupID != groupID {
            try await chargeSetattr(path: path, components: components, peeked: node)
        }
        try consultFailureRules(.setPermissions, paths: [path])
        let target = try resolveExisting(path, components: components, followFinal: true)
        try checkWritable()
        guard target.ownerID != userID || target.groupID != groupID else { return }
        // chown: root may give anything to anyone; an owner may only move it to one of its own groups.
        let allowed = identity.isRoot
            || (target.ownerID == identity.userID && userID == target.ownerID && identity.groupIDs.contains(groupID))
        guard allowed else { throw .permissionDenied(path: path) }
        if target.kind == .directory { forgetResolution() }
        target.ownerID = userID
        target.groupID = groupID
    }

    /// A SETATTR: on NFS, a file with unflushed data is flushed and COMMITted first (`nfs_setattr` →
    /// `nfs_sync_inode`), which is where `cp -a` and `tar x` pay each file's barrier. `peeked` is the entry when the
    /// caller already looked it up, so that it is not looked up twice.
    private func chargeSetattr(
        path: String, components: [String], peeked: SimInode? = nil
    ) async throws(FileSystemError) {
        guard let site = storageSite(at: path) else {
            try await chargeMetadata(path: path, as: .setattr)
            return
        }
        counters.metadataOperations += 1
        // Only an NFS client has data to flush first; a local SETATTR needs no look at the file beforehand.
        let node = storageSites[site].profile.kind == .nfs
            ? peeked ?? peekFile(path, components: components, followFinal: true) : nil
        let commit = node.map { commitBill($0, at: site) } ?? .zero
        try await charge(commit + bill(site, .setattr), path: path)
    }

    public func removeItem(at path: String) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        try await chargeMetadata(path: path, as: .remove)
        try consultFailureRules(.remove, paths: [path])
        let resolution = try resolve(path, components: components, followFinal: false)
        guard let name = resolution.name else { throw .invalidPath(path: path, reason: "the root cannot be removed") }
        guard let node = resolution.node else { throw .notFound(path: path) }
        if node.kind == .directory, !node.children.isEmpty { throw .directoryNotEmpty(path: path) }
        try checkWritable()
        guard resolution.parent.canWrite else { throw .permissionDenied(path: path) }
        unlink(name, from: resolution.parent)
    }

    public func rename(from source: String, to destination: String) async throws(FileSystemError) {
        let (source, sourceComponents) = try parse(source)
        let (destination, destinationComponents) = try parse(destination)
        try await chargeMetadata(path: source, as: .rename)
        try consultFailureRules(.rename, paths: [source, destination])
        let from = try resolve(source, components: sourceComponents, followFinal: false)
        guard let sourceName = from.name else {
            throw .invalidPath(path: source, reason: "the root cannot be renamed")
        }
        guard let node = from.node else { throw .notFound(path: source) }
        let to = try resolve(destination, components: destinationComponents, followFinal: false)
        guard let destinationName = to.name else {
            throw .invalidPath(path: destination, reason: "the root cannot be replaced")
        }
        // Renaming an entry onto itself (or onto another name of the same inode) does nothing, as rename(2).
        if to.node === node { return }
        if node.kind == .directory {
            if to.directories.contains(where: { $0 === node }) {
                throw .invalidPath(path: destination, reason: "a directory cannot move into itself")
            }
            if let existing = to.node {
                guard existing.kind == .directory else { throw .notADirectory(path: destination) }
                guard existing.children.isEmpty else { throw .directoryNotEmpty(path: destination) }
            }
        } else if to.node?.kind == .directory {
            throw .isADirectory(path: destination)
        }
        try checkWritable()
        guard from.parent.canWrite else { throw .permissionDenied(path: source) }
        guard to.parent.canWrite else { throw .permissionDenied(path: destination) }
        // The entry moves without its link count changing; whatever it replaces is unlinked.
        forgetResolution()
        from.parent.children[sourceName] = nil
        if to.node != nil { unlink(destinationName, from: to.parent) }
        to.parent.children[destinationName] = node
    }

    /// Gives the entry to another user and group (`SimProcessIdentity.foreignOwnerID`, PostgreSQL's 105:105), or back
    /// to the simulated process: what a `sudo chown` does, without the process being root. Its "other" permission
    /// bits then apply, and `setPermissions` on it fails. A setup tool for permission traps; costs no time.
    public func setForeignOwner(at path: String, _ isForeign: Bool = true) throws(FileSystemError) {
        let (path, components) = try parse(path)
        let node = try resolve(path, components: components, followFinal: true, checkPermissions: false).node
        guard let node else { throw .notFound(path: path) }
        forgetResolution()
        node.ownerID = isForeign ? SimProcessIdentity.foreignOwnerID : identity.userID
        node.groupID = isForeign ? SimProcessIdentity.foreignOwnerID : identity.primaryGroupID
    }
}
