extension SimFileSystem {
    public func writeFile(
        at path: String, contents: some Collection<UInt8>, mode: UInt16, disposition: WriteDisposition
    ) async throws(FileSystemError) {
        precondition(mode <= 0o7777, "mode has bits beyond 0o7777")
        let (path, components) = try parse(path)
        let byteCount = contents.count
        counters.fileOpens += 1
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
        let latency = currentLatency()
        try await charge(latency.fileOpen, path: path)
        let inode = try openFile(path, components: components, mode: mode, disposition: disposition)
        inode.openHandleCount += 1
        openHandleCount += 1
        return SimFileWriteHandle(fileSystem: self, inode: inode, path: path, generation: generation)
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
        let (path, components) = try parse(path)
        let size = (try? resolve(path, components: components, followFinal: true).node?.data.count) ?? 0
        counters.fileOpens += 1
        let latency = currentLatency()
        try await charge(latency.fileOpen + latency.transfer(size), path: path)
        let file = try openForReading(path, components: components)
        counters.bytesRead += file.data.count
        return file.data
    }

    public func readFile(at path: String, offset: Int, count: Int) async throws(FileSystemError) -> [UInt8] {
        precondition(offset >= 0 && count >= 0, "negative offset or count")
        let (path, components) = try parse(path)
        let size = (try? resolve(path, components: components, followFinal: true).node?.data.count) ?? 0
        counters.fileOpens += 1
        let latency = currentLatency()
        try await charge(latency.fileOpen + latency.transfer(min(count, max(0, size - offset))), path: path)
        let file = try openForReading(path, components: components)
        guard offset < file.data.count else { return [] }
        // A read of the whole file shares the content's storage (copy-on-write) instead of copying it.
        let bytes =
            offset == 0 && count >= file.data.count
            ? file.data : Array(file.data[offset..<(offset + min(count, file.data.count - offset))])
        counters.bytesRead += bytes.count
        return bytes
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
        let latency = currentLatency()
        try await charge(latency.fileOpen + latency.fileSync, path: path)
        try consultFailureRules(.sync, paths: [path])
        let node = try resolveExisting(path, components: components, followFinal: true)
        guard node.canRead else { throw .permissionDenied(path: path) }
        // fsync of a directory opened read-only is legal, and makes its entries durable.
        if node.kind == .directory {
            makeEntriesDurable(node)
        } else {
            node.durableCount = node.data.count
        }
    }

    // MARK: - Handle operations

    func append(_ bytes: some Collection<UInt8>, through handle: SimFileWriteHandle) async throws(FileSystemError) {
        let byteCount = bytes.count
        let latency = currentLatency()
        try await charge(latency.appendCall + latency.transfer(byteCount), path: handle.path)
        try checkCurrent(handle)
        try consultFailureRules(.write, paths: [handle.path], bytes: byteCount)
        try store(bytes, into: handle.inode, path: handle.path)
    }

    /// Sizes the content's storage for `byteCount` more bytes, so that appends do not regrow and recopy it.
    func reserveCapacity(forAppending byteCount: Int, through handle: SimFileWriteHandle) {
        guard handle.generation == generation, byteCount > 0 else { return }
        // The hint may come from an untrusted archive header: never reserve more than could be stored, nor huge sizes.
        let wanted = handle.inode.data.count + min(byteCount, availableBytes, 64 << 20)
        if handle.inode.data.capacity < wanted {
            handle.inode.data.reserveCapacity(wanted)
        }
    }

    func sync(through handle: SimFileWriteHandle) async throws(FileSystemError) {
        counters.fileSyncs += 1
        let latency = currentLatency()
        try await charge(latency.fileSync, path: handle.path)
        try checkCurrent(handle)
        try consultFailureRules(.sync, paths: [handle.path])
        handle.inode.durableCount = handle.inode.data.count
    }

    func close(through handle: SimFileWriteHandle) throws(FileSystemError) {
        // A handle from before a crash holds nothing: the crash already reset the open counts.
        guard handle.generation == generation else { return }
        handle.inode.openHandleCount -= 1
        openHandleCount -= 1
        releaseIfUnused(handle.inode)
        try consultFailureRules(.close, paths: [handle.path])
    }

    private func checkCurrent(_ handle: SimFileWriteHandle) throws(FileSystemError) {
        guard handle.generation == generation else {
            throw .ioError(path: handle.path, message: "stale handle from before a crash")
        }
    }
}
