import ChaosCore
@testable import ChaosComponents
import Testing

@Suite("Node RPC messages")
struct NodeRPCMessageTests {
    @Test("requests and responses survive their encoding")
    func roundTrip() throws {
        for request in [NodeRPCRequest.ping, .echo(bytes: [1, 2, 3], delay: .milliseconds(5)),
                        .closestNodes(target: NodeID(0xdead_beef))] {
            #expect(try NodeRPCRequest.decode(request.encoded()) == request)
        }
        let contacts = [NodeContact(node: NodeID(7), address: Endpoint(host: "peer-1", port: 4433))]
        let request = NodeRPCRequest.closestNodes(target: NodeID(1))
        #expect(try NodeRPCResponse.decode(NodeRPCResponse.contacts(contacts).encoded(), for: request)
            == .contacts(contacts))
        #expect(try NodeRPCResponse.decode(NodeRPCResponse.failure("no").encoded(), for: .ping) == .failure("no"))
    }

    @Test("bytes that are no message are refused with what is wrong, never trapped on")
    func malformed() {
        #expect(throws: NodeRPCDecodingError.truncated) { try NodeRPCRequest.decode([3, 0, 0, 0, 8, 1]) }
        #expect(throws: NodeRPCDecodingError.malformed("unknown method 9")) {
            try NodeRPCRequest.decode([9, 0, 0, 0, 0])
        }
        #expect(throws: NodeRPCDecodingError.malformed("1 bytes past its end")) {
            try NodeRPCRequest.decode([1, 0, 0, 0, 0, 7])
        }
        #expect(throws: NodeRPCDecodingError.self) {
            try NodeRPCResponse.decode([0, 0, 0, 0, 3, 0, 5, 1], for: .closestNodes(target: NodeID(1)))
        }
        #expect(throws: NodeRPCDecodingError.malformed("a payload of 16777216 bytes, above 65536")) {
            try NodeRPCRequest.decode([1, 1, 0, 0, 0])
        }
    }
}
