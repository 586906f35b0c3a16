/// An in-memory POSIX-like file system for deterministic simulations: inodes, permission bits, a capacity, a crash
/// model, per-operation latency on an injected clock, and the file-system faults of a `FaultPlan`.
///
/// Thread-safety: none. It is `Sendable` only so that components can hold it as `any FileSystem`; use it from the
/// simulation's single thread (every method runs on its caller's executor). Nothing depends on `Dictionary` order:
/// directories are walked by sorted names only.
///
/// Permission model: every entry has an owner and a group; the simulated process (`identity`, by default user and
/// group 1000, not root) gets the owner's bits on what it owns, the group's on entries of its groups, the others' on
/// the rest, and root everything. New entries belong to the process's user and primary group. Searching a directory
/// needs its x bit, listing it its r bit, and creating, removing or renaming entries the w bit of the parent
/// directory; reading a file needs r, writing an existing file w; changing an entry's mode, times or owner needs its
/// owner or root (EPERM, reported as permission denied). This models the traps of a `0o500` directory or a `0o700`
/// directory owned by another user (postgres' data directory, `setForeignOwner(at:_:)`).
///
/// Space: `capacityBytes` bounds the total size of file contents (directories and symlinks are free), and
/// `inodeCountMax` the number of entries. A write that does not fit stores the prefix that fits, then throws
/// `noSpace`, as `write(2)` returns a short count and then ENOSPC: the partial file stays on disk for invariant
/// checkers to find. An unlinked file's space is released when its last handle closes.
public final class SimFileSystem: FileSystem, @unchecked Sendable {
    /// The latency charged to every operation; may change mid-run (a "slow metadata" fault).
    public var latency: Latency
    /// The total bytes files may hold, as configured; a `diskFull` fault of the plan may lower it for a while
    /// (`availableBytes` accounts for that).
    public var capacityBytes: Int
    /// The most inodes (files, directories and symlinks, the root included) that may exist.
    public let inodeCountMax: Int
    /// How many symbolic links one lookup may follow before failing with `tooManySymlinks` (Linux: 40).
    public let symlinkFollowMax: Int
    /// Which changes survive `crash()`: the model of the root and of every directory outside `mounts`.
    public let durability: DurabilityModel
    /// Directories below which another model applies.
    public let mounts: [Mount]
    /// When true, every modification fails with `readOnlyFileSystem` (a remount after errors).
    public var isReadOnly = false
    /// The user and groups of the simulated process, which the permission checks evaluate.
    public let identity: SimProcessIdentity
    /// The plan whose file-system faults this file system obeys: the world's, or a detached one of its own.
    public let faultPlan: FaultPlan
    /// Called whenever a `operationError` fault fails an operation (the plan traces it), so that a test can act at
    /// that moment (crash the machine, say).
    public var onFailureInjected: ((OperationKind, String, FileSystemError) -> Void)?

    /// What was asked of the file system so far, for reports.
    public internal(set) var counters = Counters()
    /// Bytes held by file contents.
    public internal(set) var usedBytes = 0
    /// Inodes in use, the root included.
    public internal(set) var inodeCount = 1
    /// Write handles opened and not yet closed; a handle dropped without `close()` stays counted (a leak).
    public internal(set) var openHandleCount = 0
    /// Operations that could change the disk so far (`OperationKind.changesDisk`), crashes or not.
    public internal(set) var diskChangingOperationCount = 0
    /// Where the machine loses power, in a crash-consistency check; nil for none.
    public var crashPoint: CrashPoint?
    /// While true, the plan's faults do not act on this file system (no injected errors, stalls, full disks or slow
    /// profiles) and crash points do not count: for a world building the state that exists before the scenario
    /// starts (a server's existing caches, a runner's files), which no fault of the scenario may interrupt.
    public var faultsSuspended = false

    /// The mounts with a storage profile, deepest path first, so that the first prefix match is the nearest mount.
    var storageSites: [StorageSite]
    /// Operation counts per storage mount, in `storageSites` order.
    var storageCounts: [StorageOperationCounts]

    let clock: (any Clock<Duration>)?
    /// `clock` when it is a simulation's: its sleep is called directly, since a sleep through `any Clock` enters the
    /// standard library's `sleep(for:)`, which hops to the task's executor and back (two task switches, each with a
    /// lookup of the task's executor preference) on every operation.
    let simClock: SimClock?
    let root: SimInode
    /// The last successful lookup, for the next one of the same path (see `resolve`).
    var resolutionMemo: ResolutionMemo?
    /// The last path parsed, with its normal form and components: consecutive calls on one path are the rule.
    var parseMemo: (path: String, normal: String, components: [String])?
    var nextInodeNumber = 1
    var nextFailureRuleNumber = 1
    /// Incremented by every crash; operations and handles from an earlier generation fail with an I/O error.
    var generation = 0

    /// Creates an empty file system whose root directory has mode `0o755`.
    ///
    /// - Parameters:
    ///   - clock: the clock latency sleeps on; nil means no operation ever suspends.
    ///   - faultPlan: the world's plan, whose file-system faults apply here; nil for a detached plan of its own.
    ///   - random: for a detached plan, the generator faults with a toxicity below 1 draw from; such a fault traps
    ///     without one, so that an unseeded draw cannot go unnoticed.
    public init(
        capacityBytes: Int = .max, inodeCountMax: Int = 1_000_000, latency: Latency = .none,
        durability: DurabilityModel = .journaledMetadata, mounts: [Mount] = [], symlinkFollowMax: Int = 40,
        clock: (any Clock<Duration>)? = nil, faultPlan: FaultPlan? = nil, random: (any RandomNumberGenerator)? = nil
    ) {
        precondition(mounts.allSatisfy { Self.isMountPath($0.path) }, "mount paths must be absolute and normalised")
        precondition(Set(mounts.map(\.path)).count == mounts.count, "two mounts at one path")
        precondition(capacityBytes >= 0 && inodeCountMax >= 1 && symlinkFollowMax >= 0, "negative limits")
        self.capacityBytes = capacityBytes
        self.inodeCountMax = inodeCountMax
        self.latency = latency
        self.durability = durability
        self.mounts = mounts
        self.symlinkFollowMax = symlinkFollowMax
        self.clock = clock
        simClock = clock as? SimClock
        self.faultPlan = faultPlan ?? FaultPlan(detachedWith: random)
        storageSites = mounts.compactMap { mount in mount.storage.map { StorageSite(path: mount.path, profile: $0) } }
            .sorted { $0.path.utf8.count > $1.path.utf8.count }
        storageCounts = Array(repeating: StorageOperationCounts(), count: storageSites.count)
        identity = SimProcessIdentity()
        // The root directory is the process's, so that a world builds its tree without privileges.
        root = SimInode(number: 0, kind: .directory, mode: 0o755, identity: identity)
        root.linkCount = 1
        root.hasStrictEntries = (mounts.first { $0.path == "/" }?.durability ?? durability) == .strictDirectories
    }

    /// Whether `path` can name a mount: absolute, no empty, `.` or `..` component, no trailing slash (but `/`).
    public static func isMountPath(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        if path == "/" { return true }
        let components = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// The model of a directory created at the path made of `components`: its mount's, if one is there.
    func mountDurability(at components: [String]) -> DurabilityModel? {
        guard !mounts.isEmpty else { return nil }
        let path = "/" + components.joined(separator: "/")
        return mounts.first { $0.path == path }?.durability
    }

    /// Bytes still free for file contents, under the configured capacity and any `diskFull` fault active now.
    public var availableBytes: Int {
        max(0, min(capacityBytes, faultPlan.diskCapacityLimit()?.bytes ?? .max) - usedBytes)
    }

    // MARK: - Shared steps of every operation

    /// Normalises `path`, returning both forms the operations need.
    func parse(_ path: String) throws(FileSystemError) -> (path: String, components: [String]) {
        if let memo = parseMemo, memo.path == path { return (memo.normal, memo.components) }
        let parsed = try parseAnew(path)
        parseMemo = (path, parsed.path, parsed.components)
        return parsed
    }

    private func parseAnew(_ path: String) throws(FileSystemError) -> (path: String, components: [String]) {
        let components = try FileSystemPath.components(of: path)
        // Normalising only ever drops characters (empty segments, `.`, `..` and what it cancels), so a path as long
        // as its normal form is its normal form: most paths come normalised, and joining them again is wasted.
        let normalLength = components.isEmpty ? 1 : components.reduce(components.count) { $0 + $1.utf8.count }
        if path.utf8.count == normalLength { return (path, components) }
        return (components.isEmpty ? "/" : "/" + components.joined(separator: "/"), components)
    }

    /// Sleeps for `cost` on the clock, then fails if a crash happened meanwhile: a crashed machine finishes nothing.
    ///
    /// File system calls are not cancellation points (neither are syscalls), so a cancelled sleep just ends early.
    func charge(_ cost: Duration, path: String) async throws(FileSystemError) {
        let cost = faultsSuspended ? cost : cost + faultPlan.fileSystemStall()
        counters.latencyTotal += cost
        guard cost > .zero, let clock else { return }
        let started = generation
        if let simClock {
            try? await simClock.sleep(until: simClock.now.advanced(by: cost))
        } else {
            try? await clock.sleep(for: cost)
        }
        guard generation == started else { throw .ioError(path: path, message: "interrupted by a crash") }
    }

    /// Charges one metadata operation: as `operation` of the storage profile of `path`'s mount if it has one, else
    /// at the flat `latency`.
    func chargeMetadata(path: String, as operation: StorageOperation) async throws(FileSystemError) {
        counters.metadataOperations += 1
        if let site = storageSite(at: path) {
            try await charge(bill(site, operation), path: path)
            return
        }
        let latency = currentLatency()
        try await charge(latency.metadataOperation, path: path)
    }

    func checkWritable() throws(FileSystemError) {
        if isReadOnly { throw .readOnlyFileSystem }
    }

    // MARK: - Inodes

    func makeInode(_ kind: FileKind, mode: UInt16, path: String) throws(FileSystemError) -> SimInode {
        // Running out of inodes is ENOSPC on every Unix; nothing in particular was needed in bytes.
        guard inodeCount < inodeCountMax else {
            throw .noSpace(path: path, needed: 0, available: availableBytes)
        }
        inodeCount += 1
        defer { nextInodeNumber += 1 }
        return SimInode(number: nextInodeNumber, kind: kind, mode: mode, identity: identity)
    }

    func link(_ inode: SimInode, into directory: SimInode, as name: String) {
        assert(directory.children[name] == nil, "linking over an existing entry")
        directory.children[name] = inode
        inode.linkCount += 1
        noteLinked(inode, into: directory, as: name)
    }

    func unlink(_ name: String, from directory: SimInode) {
        guard let inode = directory.children.removeValue(forKey: name) else {
            preconditionFailure("unlinking a missing entry \(name)")
        }
        forgetResolution()
        inode.linkCount -= 1
        releaseIfUnused(inode)
    }

    /// Frees the inode's space once no entry names it and no handle has it open.
    func releaseIfUnused(_ inode: SimInode) {
        guard inode.linkCount == 0, inode.openHandleCount == 0 else { return }
        usedBytes -= inode.content.count
        inodeCount -= 1
    }

    /// Appends as much of `bytes` as fits; throws `noSpace` if not all of it did.
    func store(_ bytes: some Collection<UInt8>, into inode: SimInode, path: String) throws(FileSystemError) {
        try store(count: bytes.count, into: inode, path: path) { accepted in
            if accepted == bytes.count {
                inode.content.append(bytes)
            } else {
                inode.content.append(bytes.prefix(accepted))
            }
        }
    }

    /// Appends as much of `content` as fits, synthetic ranges staying synthetic; throws `noSpace` if not all did.
    func store(_ content: FileContent, into inode: SimInode, path: String) throws(FileSystemError) {
        try store(count: content.count, into: inode, path: path) { accepted in
            inode.content.append(accepted == content.count ? content : content.prefix(accepted))
        }
    }

    /// The space accounting of a store of `needed` bytes: `append` receives how many fit and adds them.
    private func store(
        count needed: Int, into inode: SimInode, path: String, _ append: (Int) -> Void
    ) throws(FileSystemError) {
        let limit = faultsSuspended ? nil : faultPlan.diskCapacityLimit()
        let available = max(0, min(capacityBytes, limit?.bytes ?? .max) - usedBytes)
        let accepted = min(needed, available)
        append(accepted)
        usedBytes += accepted
        counters.bytesWritten += accepted
        guard accepted == needed else {
            if let limit, limit.bytes < capacityBytes { faultPlan.recordDiskFull(by: limit, path: path) }
            throw .noSpace(path: path, needed: needed, available: available)
        }
    }

    /// Empties the file; the truncation is metadata, so it is durable at once and cuts the durable content too.
    func truncate(_ inode: SimInode) {
        usedBytes -= inode.content.count
        inode.content = FileContent()
        inode.durableCount = 0
        inode.clientCachedCount = 0
    }
}
