import ChaosCore

/// The state of one Kademlia lookup, as libp2p's `ClosestPeersIter` keeps it: candidates sorted by XOR distance to
/// the target, each not contacted, waiting, answered or failed. The next peer to query is the closest one not
/// contacted among the k closest that have not failed; the lookup is done when those k have all answered, or when
/// nobody is left to query and nobody is waiting. A failed peer is discarded. Pure: the manager does the I/O.
struct ClosestNodesLookup {
    enum PeerState { case notContacted, waiting, answered, failed }

    let target: NodeID
    let localNode: NodeID
    let k: Int
    private(set) var candidates: [NodeContact] = []
    private var states: [NodeID: PeerState] = [:]
    private(set) var waiting = 0

    init(target: NodeID, localNode: NodeID, k: Int, initial: [NodeContact]) {
        self.target = target
        self.localNode = localNode
        self.k = k
        learn(initial)
    }

    /// Adds contacts not seen yet (never the local node), keeping the list sorted by distance.
    mutating func learn(_ contacts: [NodeContact]) {
        var added = false
        for contact in contacts where contact.node != localNode && states[contact.node] == nil {
            states[contact.node] = .notContacted
            candidates.append(contact)
            added = true
        }
        if added { candidates.sort { $0.node.distance(to: target) < $1.node.distance(to: target) } }
    }

    /// The k closest candidates that have not failed.
    private var closestLive: some Sequence<NodeContact> {
        candidates.lazy.filter { self.states[$0.node] != .failed }.prefix(k)
    }

    /// The next peer to query, marked waiting; nil if none of the k closest live candidates is left to contact.
    mutating func next() -> NodeContact? {
        guard let contact = closestLive.first(where: { states[$0.node] == .notContacted }) else { return nil }
        states[contact.node] = .waiting
        waiting += 1
        return contact
    }

    mutating func answered(_ contact: NodeContact, with contacts: [NodeContact]) {
        guard states[contact.node] == .waiting else { return }
        states[contact.node] = .answered
        waiting -= 1
        learn(contacts)
    }

    mutating func failed(_ contact: NodeContact) {
        guard states[contact.node] == .waiting else { return }
        states[contact.node] = .failed
        waiting -= 1
    }

    /// The k closest live candidates have all answered, or there is nobody to query or wait for.
    var isFinished: Bool {
        if closestLive.allSatisfy({ states[$0.node] == .answered }) { return true }
        return waiting == 0 && !closestLive.contains { states[$0.node] == .notContacted }
    }

    /// The k closest peers that answered, closest first: a partial result when peers failed.
    var result: [NodeContact] {
        Array(candidates.lazy.filter { self.states[$0.node] == .answered }.prefix(k))
    }
}
