import ChaosCore
import Crypto

/// The robust recorder's journal: receipts are appended in batches and synced before anyone is told they are
/// recorded, a failed append is cut back to the last durable byte, a failed fsync stops the journal for good, and a
/// rotation syncs the file, renames it, syncs the directory and starts the next batch without ever leaving the
/// journal closed.
actor DurableReceiptJournal {
    enum CommitError: Error {
        /// The receipts are not recorded; the journal was repaired and takes further appends.
        case appendFailed(String)
        /// An fsync failed: nothing is recorded from now on.
        case stopped(String)
    }

    private let fileSystem: any FileSystem
    private let settings: EgressSettings
    private let events: @Sendable (EgressEvent) -> Void
    private var handle: (any FileWriteHandle)?
    /// The bytes known durable, and their hash: what a repair cuts back to and what names the batch.
    private var durableSize = 0
    private var hash = SHA256()
    private var receipts = 0
    private var stopReason: String?

    var wipPath: String { settings.directory + "/egress.car.wip" }

    init(fileSystem: any FileSystem, settings: EgressSettings, events: @escaping @Sendable (EgressEvent) -> Void) {
        self.fileSystem = fileSystem
        self.settings = settings
        self.events = events
    }

    /// Opens the journal after a start or a crash: the file is parsed, a torn or corrupt tail is cut off, the rest is
    /// re-hashed. Returns the rotated batches found on disk (the outbox).
    func open() async throws -> [String] {
        try await fileSystem.createDirectory(at: settings.directory, mode: 0o755, withIntermediates: true)
        try await fileSystem.syncDirectory(at: FileSystemPath.parent(of: settings.directory))
        let existing = (try? await fileSystem.readFile(at: wipPath)) ?? []
        let parsed = ReceiptBatchFormat.parse(existing)
        if existing.isEmpty || parsed.validLength == 0 {
            try await startBatch()
        } else {
            if parsed.damage != nil {
                try await rewrite(Array(existing[..<parsed.validLength]))
                events(.recovered(receipts: parsed.receipts.count, truncatedBytes: existing.count - parsed.validLength))
            } else {
                handle = try await fileSystem.openForWriting(at: wipPath, mode: 0o644, disposition: .append)
            }
            durableSize = parsed.validLength
            hash = SHA256()
            hash.update(data: existing[..<parsed.validLength])
            receipts = parsed.receipts.count
        }
        return try await batchesOnDisk()
    }

    /// The rotated batches in the directory, by CID.
    func batchesOnDisk() async throws -> [String] {
        try await fileSystem.listDirectory(at: settings.directory).compactMap { name in
            guard name.hasPrefix("egress."), name.hasSuffix(".car"), name != "egress.car.wip" else { return nil }
            return String(name.dropFirst("egress.".count).dropLast(".car".count))
        }
    }

    /// Appends the receipts as one write and syncs them; returns the CID of the batch rotated after, if any.
    func commit(_ batch: [[UInt8]]) async throws(CommitError) -> String? {
        if let stopReason { throw .stopped(stopReason) }
        if handle == nil {
            do {
                try await reopen()
            } catch {
                throw .appendFailed("the journal could not be reopened: \(error)")
            }
        }
        guard let handle else { throw .appendFailed("no journal") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(batch.reduce(0) { $0 + $1.count + ReceiptBatchFormat.maxSectionOverhead })
        for receipt in batch { ReceiptBatchFormat.appendSection(receipt, to: &bytes) }
        do {
            try await handle.append(bytes)
        } catch {
            await repair()
            throw .appendFailed("\(error)")
        }
        do {
            try await handle.sync()
        } catch {
            // fsyncgate: after a failed fsync the kernel may have dropped the dirty pages; a retry could "succeed"
            // without writing them. Stop; never retry.
            stopReason = "\(error)"
            events(.writerStopped(error: "\(error)"))
            throw .stopped("\(error)")
        }
        durableSize += bytes.count
        hash.update(data: bytes)
        receipts += batch.count
        guard durableSize >= settings.maxBatchBytes else { return nil }
        return await rotate()
    }

    /// The file of a rotated batch, for the tracker to fetch.
    func batchBytes(_ cid: String) async -> [UInt8]? {
        try? await fileSystem.readFile(at: batchPath(cid))
    }

    /// Deletes a consolidated batch (and syncs the directory, so that it does not come back).
    func delete(_ cid: String) async throws {
        try await fileSystem.removeItem(at: batchPath(cid))
        try await fileSystem.syncDirectory(at: settings.directory)
    }

    func batchPath(_ cid: String) -> String { settings.directory + "/egress.\(cid).car" }

    /// Rename the synced journal under its CID and start the next one. A failed rename keeps the journal open (it
    /// grows, and the next commit tries again); a failed new batch leaves none, and the next commit reopens one.
    private func rotate() async -> String? {
        let cid = ReceiptBatchFormat.batchCID(of: hash)
        do {
            try await fileSystem.rename(from: wipPath, to: batchPath(cid))
        } catch {
            events(.rotationFailed(step: "rename", error: "\(error)"))
            return nil
        }
        let count = receipts
        try? await handle?.close()
        handle = nil
        do {
            try await fileSystem.syncDirectory(at: settings.directory)
            try await startBatch()
        } catch {
            events(.rotationFailed(step: "new batch", error: "\(error)"))
        }
        events(.rotated(batch: cid, receipts: count))
        return cid
    }

    /// A new, synced journal holding only the header, its name synced in the directory.
    private func startBatch() async throws {
        let handle = try await fileSystem.openForWriting(at: wipPath, mode: 0o644, disposition: .overwrite)
        // A batch grows to about its limit plus the last commit: sized once rather than regrown commit by commit
        // (a hint only, and bounded, for a simulated disk holds the bytes in memory).
        handle.reserveCapacity(forAppending: min(settings.maxBatchBytes + settings.maxBatchBytes / 4, 16 << 20))
        try await handle.append(ReceiptBatchFormat.header)
        try await handle.sync()
        try await fileSystem.syncDirectory(at: settings.directory)
        self.handle = handle
        durableSize = ReceiptBatchFormat.header.count
        hash = SHA256()
        hash.update(data: ReceiptBatchFormat.header)
        receipts = 0
    }

    /// After a failed append: cut the file back to its durable bytes, so that later appends follow whole sections.
    private func repair() async {
        try? await handle?.close()
        handle = nil
        do {
            try await reopen()
        } catch {
            events(.rotationFailed(step: "repair", error: "\(error)"))
        }
    }

    /// Opens the journal again at its durable length (a new batch if the file is gone).
    private func reopen() async throws {
        guard let bytes = try? await fileSystem.readFile(at: wipPath, offset: 0, count: durableSize),
              bytes.count == durableSize, durableSize > 0
        else { return try await startBatch() }
        try await rewrite(bytes)
    }

    /// Replaces the journal with `bytes`: a synced temporary file renamed over it, the directory synced.
    private func rewrite(_ bytes: [UInt8]) async throws {
        let temporary = wipPath + ".tmp"
        try await fileSystem.writeFile(at: temporary, contents: bytes, mode: 0o644, disposition: .overwrite)
        try await fileSystem.syncFile(at: temporary)
        try await fileSystem.rename(from: temporary, to: wipPath)
        try await fileSystem.syncDirectory(at: settings.directory)
        handle = try await fileSystem.openForWriting(at: wipPath, mode: 0o644, disposition: .append)
    }
}
