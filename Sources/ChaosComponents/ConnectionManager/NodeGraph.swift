import ChaosCore

/// A Kademlia routing table: the nodes this one knows, in 64 buckets by the length of the id prefix they share with
/// this node, each holding at most `k` (20) contacts from least to most recently seen.
///
/// As Kademlia prefers nodes that stayed up, a full bucket keeps its old contacts: `add` reports the least recently
/// seen one, which the caller pings and, if it does not answer, replaces (`replace(_:with:)`). Ordering never
/// depends on hashing: buckets are arrays, and closest-first lists are ordered by XOR distance, on which distinct ids
/// never tie.
public struct NodeGraph: Sendable {
    /// Contacts per bucket (Kademlia's k, 20 in libp2p's kad-dht).
    public let bucketSize: Int
    public let localNode: NodeID
    private var buckets: [[NodeContact]]

    /// What `add` did.
    public enum AddResult: Equatable, Sendable {
        case added
        /// Already known: moved to the most recently seen end, with its address updated.
        case refreshed
        /// The bucket is full; `leastRecent` is the contact to ping before anything replaces it.
        case bucketFull(leastRecent: NodeContact)
        /// The local node itself is never added.
        case isLocalNode
    }

    public init(localNode: NodeID, bucketSize: Int = 20) {
        precondition(bucketSize >= 1, "a bucket holds at least one contact")
        self.localNode = localNode
        self.bucketSize = bucketSize
        buckets = Array(repeating: [], count: 64)
    }

    /// The bucket of `node`: 63 minus the number of leading bits it shares with the local node (0 for the nearest,
    /// 63 for the farthest half of the id space); nil for the local node.
    public func bucketIndex(of node: NodeID) -> Int? {
        let distance = localNode.distance(to: node)
        guard distance != 0 else { return nil }
        return 63 - distance.leadingZeroBitCount
    }

    /// Notes that `contact` was seen: added if its bucket has room, refreshed if known.
    @discardableResult
    public mutating func add(_ contact: NodeContact) -> AddResult {
        guard let index = bucketIndex(of: contact.node) else { return .isLocalNode }
        if let position = buckets[index].firstIndex(where: { $0.node == contact.node }) {
            buckets[index].remove(at: position)
            buckets[index].append(contact)
            return .refreshed
        }
        guard buckets[index].count < bucketSize else { return .bucketFull(leastRecent: buckets[index][0]) }
        buckets[index].append(contact)
        return .added
    }

    /// Replaces `stale` (which did not answer) with `fresh` in their bucket; false if `stale` is no longer there or
    /// the two belong to different buckets.
    @discardableResult
    public mutating func replace(_ stale: NodeID, with fresh: NodeContact) -> Bool {
        guard let index = bucketIndex(of: stale), bucketIndex(of: fresh.node) == index,
              let position = buckets[index].firstIndex(where: { $0.node == stale })
        else { return false }
        buckets[index].remove(at: position)
        buckets[index].removeAll { $0.node == fresh.node }
        buckets[index].append(fresh)
        return true
    }

    /// Forgets `node`; false if it was not known.
    @discardableResult
    public mutating func remove(_ node: NodeID) -> Bool {
        guard let index = bucketIndex(of: node), let position = buckets[index].firstIndex(where: { $0.node == node })
        else { return false }
        buckets[index].remove(at: position)
        return true
    }

    public func contact(of node: NodeID) -> NodeContact? {
        bucketIndex(of: node).flatMap { index in buckets[index].first { $0.node == node } }
    }

    /// Every contact, nearest bucket first.
    public var contacts: [NodeContact] { buckets.flatMap { $0 } }

    public var count: Int { buckets.reduce(0) { $0 + $1.count } }

    /// The contacts of bucket `index`, least recently seen first.
    public func bucket(_ index: Int) -> [NodeContact] { buckets[index] }

    /// The `count` known contacts closest to `target` by XOR distance, closest first (ties, which only equal ids
    /// could make, cannot happen: distinct ids have distinct distances to one target).
    public func closest(to target: NodeID, count: Int? = nil) -> [NodeContact] {
        let sorted = contacts.sorted { $0.node.distance(to: target) < $1.node.distance(to: target) }
        return Array(sorted.prefix(count ?? bucketSize))
    }
}
