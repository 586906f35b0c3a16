import ChaosCore
@testable import ChaosComponents
import Testing

@Suite("Closest-nodes lookup state")
struct ClosestNodesLookupTests {
    static func contact(_ id: UInt64) -> NodeContact {
        NodeContact(node: NodeID(id), address: Endpoint(host: "h\(id)", port: 1))
    }

    @Test("queries the closest first, never the local node, and ends when the k closest answered")
    func order() {
        var lookup = ClosestNodesLookup(
            target: NodeID(0), localNode: NodeID(100), k: 2, initial: [8, 1, 100, 4].map(Self.contact))
        #expect(lookup.next()?.node == NodeID(1))
        #expect(lookup.next()?.node == NodeID(4))
        #expect(lookup.next() == nil, "only the k closest live candidates are queried")
        lookup.answered(Self.contact(1), with: [Self.contact(2)])
        #expect(lookup.next()?.node == NodeID(2), "a closer contact learnt is queried next")
        #expect(!lookup.isFinished)
        lookup.failed(Self.contact(4))
        lookup.answered(Self.contact(2), with: [])
        #expect(lookup.isFinished)
        #expect(lookup.result.map(\.node) == [NodeID(1), NodeID(2)])
    }

    @Test("a failed peer is dropped and the next candidate takes its place; all failing gives an empty result")
    func failures() {
        var lookup = ClosestNodesLookup(
            target: NodeID(0), localNode: NodeID(100), k: 1, initial: [1, 2].map(Self.contact))
        let first = lookup.next()
        #expect(first?.node == NodeID(1))
        lookup.failed(Self.contact(1))
        #expect(!lookup.isFinished)
        #expect(lookup.next()?.node == NodeID(2))
        lookup.failed(Self.contact(2))
        #expect(lookup.isFinished)
        #expect(lookup.result.isEmpty)
    }
}
