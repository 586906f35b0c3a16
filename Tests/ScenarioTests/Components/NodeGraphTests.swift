import ChaosComponents
import ChaosCore
import Testing

/// The connection manager's routing table: buckets by shared prefix, k per bucket, old contacts kept, closest by
/// XOR distance.
@Suite struct NodeGraphTests {
    static let local = NodeID(0b1010 << 60)

    static func contact(_ id: UInt64) -> NodeContact {
        NodeContact(node: NodeID(id), address: Endpoint(host: "h\(id % 7)", port: 4433))
    }

    @Test func bucketsCountTheSharedPrefix() {
        let graph = NodeGraph(localNode: Self.local)
        #expect(graph.bucketIndex(of: Self.local) == nil)
        #expect(graph.bucketIndex(of: NodeID(Self.local.rawValue ^ 1)) == 0)
        #expect(graph.bucketIndex(of: NodeID(Self.local.rawValue ^ (1 << 63))) == 63)
        #expect(graph.bucketIndex(of: NodeID(Self.local.rawValue ^ 0b1100)) == 3)
    }

    @Test func aFullBucketKeepsItsOldContactsUntilOneIsReplaced() {
        var graph = NodeGraph(localNode: Self.local, bucketSize: 3)
        // Bucket 63: ids whose top bit differs from the local node's.
        let far = (0..<4).map { Self.contact((1 << 63) ^ Self.local.rawValue ^ UInt64($0 + 1)) }
        var results: [NodeGraph.AddResult] = []
        for contact in [far[0], far[1], far[2], far[3], far[0], far[3]] { results.append(graph.add(contact)) }
        #expect(results == [
            .added, .added, .added, .bucketFull(leastRecent: far[0]), .refreshed, .bucketFull(leastRecent: far[1]),
        ])
        let replaced = graph.replace(far[1].node, with: far[3])
        #expect(replaced)
        #expect(graph.bucket(63).map(\.node) == [far[2], far[0], far[3]].map(\.node))
        let addedLocal = graph.add(NodeContact(node: Self.local, address: far[0].address))
        #expect(addedLocal == .isLocalNode)
        let removed = graph.remove(far[2].node)
        let removedAgain = graph.remove(far[2].node)
        #expect(removed && !removedAgain)
        #expect(graph.count == 2 && graph.contact(of: far[3].node) == far[3])
    }

    @Test func closestIsTheXORNearestKnownContacts() {
        var generator = SplitMix(seed: 42)
        var graph = NodeGraph(localNode: Self.local)
        var known: [NodeContact] = []
        for _ in 0..<500 {
            let contact = Self.contact(generator.next())
            if graph.add(contact) == .added { known.append(contact) }
        }
        #expect(graph.count == known.count && graph.count < 500, "buckets near the local node fill up")
        for _ in 0..<20 {
            let target = NodeID(generator.next())
            let expected = known.sorted { $0.node.distance(to: target) < $1.node.distance(to: target) }.prefix(20)
            #expect(graph.closest(to: target) == Array(expected))
        }
        #expect(graph.closest(to: Self.local, count: 3).count == 3)
    }

    /// A small deterministic generator for the test's ids.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }
}
