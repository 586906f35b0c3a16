/// A content-addressed block store: block bytes by CID, as a Kubo node's blockstore holds them.
///
/// Blocks are keyed by multihash, as Kubo's blockstore does, so a block added under a CIDv0 is also found under its
/// CIDv1 (for example a base16 `f01701220…` CID arriving at the gateway). The store remembers insertion order, so
/// that anything which lists blocks does so in the same order in every process: Dictionary iteration order is never
/// observed. A byte limit makes "store full" a reported outcome instead of unbounded growth.
///
/// Not thread-safe: use on the simulation's thread (or from one thread outside a simulation).
public final class IPFSBlockStore: @unchecked Sendable {
    /// The default limit on the bytes held: 1 GiB.
    public static let byteCountMaxDefault = 1 << 30

    /// The most bytes the store holds; `put` throws `IPFSBlockStoreError.full` beyond it.
    public let byteCountMax: Int

    private var blocksByMultihash: [Multihash: [UInt8]] = [:]
    /// Multihashes in first-insertion order, including removed ones (skipped when listing) so removal stays O(1).
    private var insertionOrder: [Multihash] = []
    /// Every multihash ever in `insertionOrder`, so a block removed and stored again is listed once.
    private var everStored: Set<Multihash> = []

    /// The bytes of all blocks held.
    public private(set) var byteCount = 0

    /// Creates an empty store that holds at most `byteCountMax` bytes.
    public init(byteCountMax: Int = IPFSBlockStore.byteCountMaxDefault) {
        precondition(byteCountMax >= 0, "byteCountMax must not be negative")
        self.byteCountMax = byteCountMax
    }

    /// The number of blocks held.
    public var count: Int { blocksByMultihash.count }

    /// Stores `block`; storing a block that is already present changes nothing.
    public func put(_ block: IPFSBlock) throws(IPFSBlockStoreError) {
        assert(block.cid.matches(block.bytes), "a block must hash to its CID")
        let key = block.cid.multihash
        guard blocksByMultihash[key] == nil else { return }
        guard byteCount + block.bytes.count <= byteCountMax else {
            throw .full(byteCount: byteCount, blockSize: block.bytes.count, byteCountMax: byteCountMax)
        }
        blocksByMultihash[key] = block.bytes
        if everStored.insert(key).inserted {
            insertionOrder.append(key)
        }
        byteCount += block.bytes.count
    }

    /// Stores every block of `blocks` in order; on `full`, the blocks before the failing one stay stored.
    public func put(_ blocks: some Sequence<IPFSBlock>) throws(IPFSBlockStoreError) {
        for block in blocks {
            try put(block)
        }
    }

    /// The bytes of the block `cid` names, or nil when the store does not hold it.
    public func bytes(for cid: CID) -> [UInt8]? {
        blocksByMultihash[cid.multihash]
    }

    /// Whether the store holds the block `cid` names.
    public func contains(_ cid: CID) -> Bool {
        blocksByMultihash[cid.multihash] != nil
    }

    /// Removes the block `cid` names; returns false if it was not held. Scenarios use this to lose a block.
    @discardableResult
    public func remove(_ cid: CID) -> Bool {
        guard let bytes = blocksByMultihash.removeValue(forKey: cid.multihash) else { return false }
        byteCount -= bytes.count
        return true
    }

    /// The multihashes of the blocks held, in the order they were first stored.
    public var multihashes: [Multihash] {
        insertionOrder.filter { blocksByMultihash[$0] != nil }
    }
}
