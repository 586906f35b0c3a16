extension SimFileSystem {
    /// A mount with a storage profile, as the operations look it up.
    struct StorageSite {
        let path: String
        var profile: StorageProfile

        /// Whether `path` (normalised) is the mount point or below it.
        func contains(_ path: String) -> Bool {
            self.path == "/" || path == self.path
                || (path.hasPrefix(self.path) && path.utf8.dropFirst(self.path.utf8.count).first == UInt8(ascii: "/"))
        }
    }

    /// The index in `storageSites` of the nearest profiled mount above `path`; nil if only `latency` applies.
    func storageSite(at path: String) -> Int? {
        guard !storageSites.isEmpty else { return nil }
        return storageSites.firstIndex { $0.contains(path) }
    }

    /// Replaces the storage profile of the mount at `path` (which must have one), as a world does for a seed whose
    /// server is slower; the operation counts and the files' NFS state carry over.
    public func setStorageProfile(_ profile: StorageProfile, atMount path: String) {
        guard let index = storageSites.firstIndex(where: { $0.path == path }) else {
            preconditionFailure("no mount with a storage profile at \(path)")
        }
        storageSites[index].profile = profile
    }

    /// The storage profile of the mount at `path`, nil if it has none.
    public func storageProfile(atMount path: String) -> StorageProfile? {
        storageSites.first { $0.path == path }?.profile
    }

    /// The operations charged so far below the mount at `path`; nil if no mount with a storage profile is there.
    public func storageOperationCounts(atMount path: String) -> StorageOperationCounts? {
        storageSites.firstIndex { $0.path == path }.map { storageCounts[$0] }
    }

    /// Every profiled mount's counts, by mount path.
    public var storageOperationCountsByMount: [(mount: String, counts: StorageOperationCounts)] {
        storageSites.indices.map { (storageSites[$0].path, storageCounts[$0]) }.sorted { $0.mount < $1.mount }
    }

    // The bills below count their operations at once and return their cost; an operation adds up its bills and
    // sleeps once, so that a copy of one file is a handful of clock events, not one per RPC.

    /// `count` operations of one kind at their profile's metadata cost, or at `cost` if given.
    func bill(
        _ site: Int, _ operation: StorageOperation, count: Int = 1, cost: Duration? = nil
    ) -> Duration {
        storageCounts[site][operation] += count
        return cost ?? storageSites[site].profile.metadataCost(operation) * count
    }

    /// The COMMIT a written file owes before a close or a SETATTR (close-to-open), or nothing if it owes none.
    func commitBill(_ inode: SimInode, at site: Int) -> Duration {
        guard inode.needsCommit else { return .zero }
        let cost = storageSites[site].profile.commitCost(unflushedBytes: inode.unflushedBytes)
        inode.needsCommit = false
        inode.unflushedBytes = 0
        return bill(site, .commit, cost: cost)
    }

    /// The WRITEs of `byteCount` bytes appended to `inode`, recording what the server then holds unflushed. The
    /// client gathers appends into `wsize` pages, so the WRITEs counted are the pages the appended bytes complete
    /// or start: many small appends (tar's headers) cost no more RPCs than one big one.
    func writeBill(_ byteCount: Int, into inode: SimInode, at site: Int) -> Duration {
        guard byteCount > 0 else { return .zero }
        let profile = storageSites[site].profile
        let before = inode.content.count
        if profile.kind == .nfs {
            inode.needsCommit = true
            inode.unflushedBytes = profile.unflushed(after: inode.unflushedBytes, adding: byteCount)
            if inode.clientCachedCount == before { inode.clientCachedCount = before + byteCount }
        }
        let pages = profile.transferOperations(before + byteCount, reading: false)
            - profile.transferOperations(before, reading: false)
        return bill(site, .write, count: pages, cost: profile.writeCost(byteCount))
    }

    /// The READs of `byteCount` bytes of `inode` from `offset`: the part the client caches from the page cache (one
    /// READ counted, though none is sent, so that cached reads show up), the rest cold, window by window.
    func readBill(_ byteCount: Int, from offset: Int, of inode: SimInode, at site: Int) -> Duration {
        guard byteCount > 0 else { return .zero }
        let profile = storageSites[site].profile
        guard profile.kind == .nfs else {
            return bill(site, .read, cost: profile.readCost(byteCount, cached: true))
        }
        let cached = max(0, min(byteCount, inode.clientCachedCount - offset))
        let cold = byteCount - cached
        if offset <= inode.clientCachedCount {
            inode.clientCachedCount = max(inode.clientCachedCount, offset + byteCount)
        }
        var cost = Duration.zero
        if cached > 0 { cost += bill(site, .read, cost: profile.readCost(cached, cached: true)) }
        if cold > 0 {
            cost += bill(
                site, .read, count: profile.transferOperations(cold, reading: true),
                cost: profile.readCost(cold, cached: false))
        }
        return cost
    }

    /// The calls that open a file for writing: a create (v3 exclusive: CREATE then the post-create SETATTR, since
    /// EXCLUSIVE carries no attributes; otherwise a negative LOOKUP then CREATE with attributes; v4: one OPEN), or
    /// for an existing file the close-to-open GETATTR and, when truncating, a SETATTR of the size.
    func openBill(_ existing: SimInode?, disposition: WriteDisposition, at site: Int) -> Duration {
        let profile = storageSites[site].profile
        guard let existing else {
            guard profile.kind == .nfs, profile.protocolVersion == 3 else { return bill(site, .create) }
            return bill(site, disposition == .exclusive ? .setattr : .lookup) + bill(site, .create)
        }
        guard disposition == .overwrite, !existing.content.isEmpty else { return bill(site, .getattr) }
        return bill(site, .getattr) + commitBill(existing, at: site) + bill(site, .setattr)
    }

    /// What a close of a written file sends: its COMMIT, and v4's CLOSE.
    func closeBill(_ inode: SimInode, at site: Int) -> Duration {
        let profile = storageSites[site].profile
        let commit = commitBill(inode, at: site)
        return profile.kind == .nfs && profile.protocolVersion == 4 ? commit + bill(site, .close) : commit
    }

    /// Forgets what every client page cache holds (`echo 3 > /proc/sys/vm/drop_caches`, or a read from another
    /// runner): the next NFS reads are cold.
    public func dropClientCaches() {
        var directories = [root]
        while let directory = directories.popLast() {
            for child in directory.children.values {
                child.clientCachedCount = 0
                if child.kind == .directory { directories.append(child) }
            }
        }
    }
}
