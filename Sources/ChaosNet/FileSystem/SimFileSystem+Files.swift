extension SimFileSystem {
    public func writeFile(
        at path: String, contents: some Collection<UInt8>, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let (path, components) = try parse(path)
        let byteCount = contents.count
        counters.fileOpens += 1
        if let site = storageSite(at: path) {
            // open, write, close: the close of a written file sends its COMMIT (close-to-open).
            let existing = peekFile(path, components: components, followFinal: disposition != .exclusive)
            try await charge(openBill(existing, disposition: disposition, at: site), path: path)
            let inode = try openFile(path, components: components, mode: mode, disposition: disposition)
            try consultFailureRules(.write, paths: [path], bytes: byteCount)
            try await charge(writeBill(byteCount, into: inode, at: site), path: path)
            try store(contents, into: inode, path: path)
            try await charge(closeBill(inode, at: site), path: path)
            return
        }
        let latency = currentLatency()
        try await charge(latency.fileOpen + latency.transfer(byteCount), path: path)
        let inode = try openFile(path, components: components, mode: mode, disposition: disposition)
        try consultFailureRules(.write, paths: [path], bytes: byteCount)
        try store(contents, into: inode, path: path)
    }

    public func openForWriting(
        at path: String, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError) -> any FileWriteHandle {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let (path, components) = try parse(path)
        counters.fileOpens += 1
        let site = storageSite(at: path)
        if let site {
            let existing = peekFile(path, components: components, followFinal: disposition != .exclusive)
            try await charge(openBill(existing, disposition: disposition, at: site), path: path)
        } else {
            try await charge(currentLatency().fileOpen, path: path)
        }
        let inode = try openFile(path, components: components, mode: mode, disposition: disposition)
        inode.openHandleCount += 1
        openHandleCount += 1
        return SimFileWriteHandle(fileSystem: self, inode: inode, path: path, generation: generation, site: site)
    }

    /// What `path` names now, without checks or costs: an operation's bill depends on it before the operation runs.
    func peekFile(_ path: String, components: [String], followFinal: Bool) -> SimInode? {
        try? resolve(path, components: components, followFinal: followFinal, checkPermissions: false).node
    }

    /// The `open(2)` step of a write: creates or truncates the file as `disposition` says and returns it.
    private func openFile(
        _ path: String, components: [String], mode: UInt16, disposition: WriteDisposition
    ) throws(FileSystemError) -> SimInode {
        try consultFailureRules(.openForWriting, paths: [path])
        // O_EXCL does not follow a final symlink: even a dangling one makes the create fail.
        let resolution = try resolve(path, components: components, followFinal: disposition != .exclusive)
        if let node = resolution.node {
            if disposition == .exclusive { throw .alreadyExists(path: path) }
            if node.kind == .directory { throw .isADirectory(path: path) }
            try checkWritable()
            guard node.canWrite else { throw .permissionDenied(path: path) }
            if disposition == .overwrite { truncate(node) }
            return node
        }
        guard let name = resolution.name else { preconditionFailure("a missing entry always has a name") }
        try checkWritable()
        guard resolution.parent.canWrite else { throw .permissionDenied(path: path) }
        let file = try makeInode(.file, mode: mode, path: path)
        link(file, into: resolution.parent, as: name)
        return file
    }

    public func readFile(at path: String) async throws(FileSystemError) -> [UInt8] {
        try await readContent(at: path, offset: 0, count: .max).materialize()
    }

    public func readFile(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> [UInt8] {
        try await readContent(at: path, offset: offset, count: count).materialize()
    }

    public func readContent(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> FileContent {
        precondition(offset >= 0 && count >= 0, "negative offset or count")
        let (path, components) = try parse(path)
        let peeked = peekFile(path, components: components, followFinal: true)
        let wanted = min(count, max(0, (peeked?.content.count ?? 0) - offset))
        counters.fileOpens += 1
        if let site = storageSite(at: path) {
            // Close-to-open: every open asks the server for fresh attributes, however fresh the cached ones are.
            var cost = bill(site, .getattr)
            if let node = peeked, node.kind == .file {
                cost += readBill(wanted, from: offset, of: node, at: site)
            }
            try await charge(cost, path: path)
        } else {
            let latency = currentLatency()
            try await charge(latency.fileOpen + latency.transfer(wanted), path: path)
        }
        let file = try openForReading(path, components: components)
        guard offset < file.content.count else { return FileContent() }
        // A read of the whole file shares the content's storage (copy-on-write) instead of copying it.
        let content = file.content.slice(from: offset, count: count)
        counters.bytesRead += content.count
        return content
    }

    private func openForReading(_ path: String, components: [String]) throws(FileSystemError) -> SimInode {
        try consultFailureRules(.read, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        if node.kind == .directory { throw .isADirectory(path: path) }
        guard node.canRead else { throw .permissionDenied(path: path) }
        return node
    }

    public func syncFile(at path: String) async throws(FileSystemError) {
        let (path, components) = try parse(path)
        counters.fileOpens += 1
        counters.fileSyncs += 1
        if let site = storageSite(at: path) {
            let node = peekFile(path, components: components, followFinal: true)
            var cost = bill(site, .getattr)
            if let node { cost += syncBill(node, at: site) }
            try await charge(cost, path: path)
        } else {
            let latency = currentLatency()
            try await charge(latency.fileOpen + latency.fileSync, path: path)
        }
        try consultFailureRules(.sync, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        guard node.canRead else { throw .permissionDenied(path: path) }
        // fsync of a directory opened read-only is legal, and makes its entries durable.
        if node.kind == .directory {
            makeEntriesDurable(node)
        } else {
            node.durableCount = node.content.count
        }
    }

    /// An fsync: on NFS the COMMIT of what was written (nothing if nothing was), locally the disk's flush.
    private func syncBill(_ inode: SimInode, at site: Int) -> Duration {
        let profile = storageSites[site].profile
        return profile.kind == .nfs ? commitBill(inode, at: site) : bill(site, .commit, cost: profile.localSync)
    }

    // MARK: - Handle operations

    func append(_ bytes: some Collection<UInt8>, through handle: SimFileWriteHandle) async throws(FileSystemError) {
        let byteCount = bytes.count
        try await chargeAppend(byteCount, through: handle)
        try checkCurrent(handle)
        try consultFailureRules(.write, paths: [handle.path], bytes: byteCount)
        try store(bytes, into: handle.inode, path: handle.path)
    }

    func append(content: FileContent, through handle: SimFileWriteHandle) async throws(FileSystemError) {
        try await chargeAppend(content.count, through: handle)
        try checkCurrent(handle)
        try consultFailureRules(.write, paths: [handle.path], bytes: content.count)
        try store(content, into: handle.inode, path: handle.path)
    }

    private func chargeAppend(_ byteCount: Int, through handle: SimFileWriteHandle) async throws(FileSystemError) {
        if let site = handle.site {
            try await charge(writeBill(byteCount, into: handle.inode, at: site), path: handle.path)
        } else {
            let latency = currentLatency()
            try await charge(latency.appendCall + latency.transfer(byteCount), path: handle.path)
        }
    }

    /// Sizes the content's storage for `byteCount` more bytes, so that appends do not regrow and recopy it.
    func reserveCapacity(forAppending byteCount: Int, through handle: SimFileWriteHandle) {
        guard handle.generation == generation, byteCount > 0 else { return }
        // The hint may come from an untrusted archive header: never reserve more than could be stored, nor huge sizes.
        handle.inode.content.reserveLiteralCapacity(forAppending: min(byteCount, availableBytes, 64 << 20))
    }

    func sync(through handle: SimFileWriteHandle) async throws(FileSystemError) {
        counters.fileSyncs += 1
        if let site = handle.site {
            try await charge(syncBill(handle.inode, at: site), path: handle.path)
        } else {
            try await charge(currentLatency().fileSync, path: handle.path)
        }
        try checkCurrent(handle)
        try consultFailureRules(.sync, paths: [handle.path])
        handle.inode.durableCount = handle.inode.content.count
    }

    func close(through handle: SimFileWriteHandle) async throws(FileSystemError) {
        // A handle from before a crash holds nothing: the crash already reset the open counts.
        guard handle.generation == generation else { return }
        handle.inode.openHandleCount -= 1
        openHandleCount -= 1
        releaseIfUnused(handle.inode)
        // Close-to-open: the close of a written file flushes and COMMITs, and a failed write-back surfaces here.
        if let site = handle.site {
            try await charge(closeBill(handle.inode, at: site), path: handle.path)
        }
        try consultFailureRules(.close, paths: [handle.path])
    }

    private func checkCurrent(_ handle: SimFileWriteHandle) throws(FileSystemError) {
        guard handle.generation == generation else {
            throw .ioError(path: handle.path, message: "stale handle from before a crash")
        }
    }
}
