import ChaosCore
import Crypto

/// The journal as the retrieval server first wrote it: appends under a lock, three writes per receipt, a running
/// hash of what was written, no fsync, and a rotation that closes the file before renaming it.
///
/// Its gaps are the incident's: a short write leaves a torn section the hash never saw (G2); a failed rename or a
/// failed new batch leaves the journal closed, so every later append fails (G3); nothing is synced (G1, G4).
actor NaiveReceiptJournal {
    private let fileSystem: any FileSystem
    private let settings: EgressSettings
    private var handle: (any FileWriteHandle)?
    private var hash = SHA256()
    private var size = 0
    private var receipts = 0
    private var locked = false
    private var lockWaiters = FIFO<CheckedContinuation<Void, Never>>()

    var wipPath: String { settings.directory + "/egress.car.wip" }

    init(fileSystem: any FileSystem, settings: EgressSettings) {
        self.fileSystem = fileSystem
        self.settings = settings
    }

    /// Opens the journal: a restart re-hashes the file it finds and appends after it (torn or not).
    func open() async throws {
        try await fileSystem.createDirectory(at: settings.directory, mode: 0o755, withIntermediates: true)
        let existing = (try? await fileSystem.readFile(at: wipPath)) ?? []
        if existing.isEmpty {
            try await newBatch()
        } else {
            hash = SHA256()
            hash.update(data: existing)
            size = existing.count
            receipts = ReceiptBatchFormat.parse(existing).receipts.count
            handle = try await fileSystem.openForWriting(at: wipPath, mode: 0o644, disposition: .append)
        }
    }

    /// The file of a rotated batch, for the tracker's fetch.
    func batchBytes(_ cid: String) async -> [UInt8]? {
        try? await fileSystem.readFile(at: settings.directory + "/egress.\(cid).car")
    }

    /// Appends one receipt; returns the CID of the batch it rotated, if the journal was full after it.
    func append(_ receipt: [UInt8]) async throws -> String? {
        await lock()
        defer { unlock() }
        guard let handle else { throw FileSystemError.ioError(path: wipPath, message: "file already closed") }
        // The pieces once: each costs a sha256 of the receipt to name it.
        let pieces = ReceiptBatchFormat.sectionPieces(receipt)
        for piece in pieces {
            try await handle.append(piece)
            hash.update(data: piece)
        }
        size += pieces.reduce(0) { $0 + $1.count }
        receipts += 1
        guard size >= settings.maxBatchBytes else { return nil }
        return try await rotate()
    }

    /// Close, name by the running hash, rename, start a new batch: an error at any step leaves the journal closed.
    private func rotate() async throws -> String {
        let cid = ReceiptBatchFormat.batchCID(of: hash)
        let handle = self.handle
        self.handle = nil
        try await handle?.close()
        try await fileSystem.rename(from: wipPath, to: settings.directory + "/egress.\(cid).car")
        try await newBatch()
        return cid
    }

    private func newBatch() async throws {
        let handle = try await fileSystem.openForWriting(at: wipPath, mode: 0o644, disposition: .overwrite)
        try await handle.append(ReceiptBatchFormat.header)
        hash = SHA256()
        hash.update(data: ReceiptBatchFormat.header)
        size = ReceiptBatchFormat.header.count
        receipts = 0
        self.handle = handle
    }

    private func lock() async {
        guard locked else {
            locked = true
            return
        }
        // The lock holder resumes the next waiter; its job runs on the waiter's executor.
        await withCheckedContinuation { lockWaiters.append($0) } // determinism: ok
    }

    private func unlock() {
        if let next = lockWaiters.popFirst() {
            next.resume()
        } else {
            locked = false
        }
    }
}
