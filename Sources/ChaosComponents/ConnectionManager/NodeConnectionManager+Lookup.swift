import ChaosCore

extension NodeConnectionManager {
    /// Whether `node` answers a ping at `address`; never throws.
    public func ping(_ node: NodeID, at address: Endpoint) async -> Bool {
        (try? await call(.ping, to: node, at: address)) != nil
    }

    /// The k nodes closest to `target` that answered, by a Kademlia lookup from the graph's closest contacts. The
    /// robust lookup never throws: peers that fail are dropped and the result may be partial. The naive one
    /// rethrows what its error check misses; the signature throws for its sake.
    public func getClosestNodes(to target: NodeID) async throws -> [NodeContact] {
        switch variant {
        case .naive: try await naiveClosestNodes(to: target)
        case .robust: await robustClosestNodes(to: target)
        }
    }

    /// Where `target` listens, found by a lookup (or known already); nil if no peer knows it. The robust variant
    /// never throws.
    public func findNode(_ target: NodeID) async throws -> NodeContact? {
        if let known = graph.contact(of: target) { return known }
        let closest = try await getClosestNodes(to: target)
        return closest.first { $0.node == target } ?? graph.contact(of: target)
    }

    /// Fills the graph from the seeds: each seed's contacts close to this node, then a lookup of this node's id.
    public func syncNodeGraph() async throws {
        for seed in graph.contacts.sorted(by: { $0.node < $1.node }) {
            let contacts = try await remoteClosestNodes(seed, to: localNode)
            for contact in contacts where contact.node != localNode { graph.add(contact) }
        }
        _ = try await getClosestNodes(to: localNode)
    }

    /// Looks up a random id every `interval`, as a bucket refresh does, until cancelled. The naive loop rethrows
    /// what a lookup throws, which ends it as an escape.
    func refreshLoop(every interval: Duration) async throws {
        if !graph.contacts.isEmpty {
            switch variant {
            case .naive: try await syncNodeGraph()
            case .robust: await syncNodeGraphCatching()
            }
        }
        while true {
            try await clock.sleep(for: interval)
            let target = randomNode()
            switch variant {
            case .naive: _ = try await findNode(target)
            case .robust: _ = try? await findNode(target)
            }
        }
    }

    private func syncNodeGraphCatching() async {
        do {
            try await syncNodeGraph()
        } catch {
            log("syncing the node graph failed: \(error)")
        }
    }

    /// A peer's closest contacts to `target`; a failure the variant's error check knows gives none.
    func remoteClosestNodes(_ peer: NodeContact, to target: NodeID) async throws -> [NodeContact] {
        do {
            guard case let .contacts(contacts) = try await call(.closestNodes(target: target), to: peer.node,
                                                                at: peer.address)
            else { throw ConnectionManagerError.badResponse(peer.node, "not a list of contacts") }
            graph.add(peer)
            return contacts
        } catch where variant.isConnectionError(error) {
            return []
        }
    }

    // MARK: - Naive lookup

    /// The lookup before the fix: one peer at a time from a shortlist, pinged first, then asked; an RPC timeout ends
    /// the lookup early, any error the check misses is rethrown. Its `contacted` set is written as a property, so it
    /// never fills and the k bound never fires: it asks every peer it learns of (each once, from the shortlist).
    private func naiveClosestNodes(to target: NodeID) async throws -> [NodeContact] {
        var shortlist = graph.closest(to: target, count: settings.k)
        var seen = Set(shortlist.map(\.node))
        var found: [NodeContact] = []
        let deadline = clock.now.advanced(by: settings.lookupQueryTimeout)
        counters.peakLookupQueriesInFlight = max(counters.peakLookupQueriesInFlight, 1)
        while !shortlist.isEmpty, clock.now < deadline {
            let next = shortlist.removeFirst()
            guard await ping(next.node, at: next.address) else { continue }
            let contacts: [NodeContact]
            do {
                contacts = try await remoteClosestNodes(next, to: target)
            } catch ConnectionManagerError.rpcTimeout {
                break
            }
            found.append(next)
            for contact in contacts where contact.node != localNode && seen.insert(contact.node).inserted {
                shortlist.append(contact)
                graph.add(contact)
            }
            shortlist.sort { $0.node.distance(to: target) < $1.node.distance(to: target) }
        }
        return Array(found.sorted { $0.node.distance(to: target) < $1.node.distance(to: target) }.prefix(settings.k))
    }

    // MARK: - Robust lookup

    private enum LookupEvent: Sendable {
        case answered(NodeContact, [NodeContact]?)
        case deadline
    }

    /// α queries in flight, each with the per-peer timeout, until the k closest answered or nobody is left; the whole
    /// lookup within the query timeout. Never throws.
    private func robustClosestNodes(to target: NodeID) async -> [NodeContact] {
        var lookup = ClosestNodesLookup(
            target: target, localNode: localNode, k: settings.k, initial: graph.closest(to: target, count: settings.k))
        let (clock, peerTimeout) = (clock, settings.lookupPeerTimeout)
        let deadline = clock.now.advanced(by: settings.lookupQueryTimeout)
        let alpha = settings.lookupConcurrency
        await withTaskGroup(of: LookupEvent.self) { group in
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return .deadline
            }
            var inFlight = 0
            while true {
                while inFlight < alpha, let peer = lookup.next() {
                    inFlight += 1
                    counters.peakLookupQueriesInFlight = max(counters.peakLookupQueriesInFlight, inFlight)
                    group.addTask { [self] in
                        let contacts = try? await withTimeout(peerTimeout, clock: clock) {
                            try await self.queryForLookup(peer, target: target)
                        }
                        return .answered(peer, contacts)
                    }
                }
                guard !lookup.isFinished, let event = await group.next() else { break }
                guard case let .answered(peer, contacts) = event else { break }
                inFlight -= 1
                if let contacts { lookup.answered(peer, with: contacts) } else { lookup.failed(peer) }
            }
            group.cancelAll()
        }
        for contact in lookup.result { graph.add(contact) }
        return lookup.result
    }

    private func queryForLookup(_ peer: NodeContact, target: NodeID) async throws -> [NodeContact] {
        guard case let .contacts(contacts) = try await call(.closestNodes(target: target), to: peer.node,
                                                            at: peer.address)
        else { throw ConnectionManagerError.badResponse(peer.node, "not a list of contacts") }
        return contacts
    }
}
