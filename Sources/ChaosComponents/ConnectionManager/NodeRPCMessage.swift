import ChaosCore

/// A request of the node-to-node RPC, one per stream: the requester writes it and finishes its side, the server
/// answers with one `NodeRPCResponse` and finishes its own.
///
/// Wire format: a method byte, a 32-bit big-endian payload length, the payload.
public enum NodeRPCRequest: Sendable, Equatable {
    /// Answered with an empty response: the node is alive.
    case ping
    /// Answered with `bytes` after `delay` (an RPC that takes a while, as a long transfer does).
    case echo(bytes: [UInt8], delay: Duration)
    /// Answered with the server's k closest contacts to `target`.
    case closestNodes(target: NodeID)

    /// Requests are small; a longer one is refused unread.
    static let maxPayload = 1 << 16

    func encoded() -> [UInt8] {
        var payload: [UInt8] = []
        let method: UInt8
        switch self {
        case .ping:
            method = 1
        case let .echo(bytes, delay):
            method = 2
            payload.appendBigEndian(UInt64(max(0, delay.nanosecondsClamped)))
            payload += bytes
        case let .closestNodes(target):
            method = 3
            payload.appendBigEndian(target.rawValue)
        }
        var bytes = [method]
        bytes.appendBigEndian(UInt32(payload.count))
        return bytes + payload
    }

    static func decode(_ bytes: [UInt8]) throws(NodeRPCDecodingError) -> NodeRPCRequest {
        var reader = NodeRPCReader(bytes)
        let method = try reader.byte()
        var payload = NodeRPCReader(try reader.payload(max: maxPayload))
        try reader.end()
        let request: NodeRPCRequest
        switch method {
        case 1: request = .ping
        case 2:
            let delay = try payload.uint64()
            guard delay <= UInt64(Int64.max) else { throw .malformed("an echo delay beyond Int64") }
            request = .echo(bytes: payload.rest(), delay: .nanoseconds(Int64(delay)))
        case 3: request = .closestNodes(target: NodeID(try payload.uint64()))
        default: throw .malformed("unknown method \(method)")
        }
        try payload.end()
        return request
    }

    /// The method's name, as logs name an RPC.
    public var method: String {
        switch self {
        case .ping: "ping"
        case .echo: "echo"
        case .closestNodes: "closest_nodes"
        }
    }
}

/// The answer to one `NodeRPCRequest`: a status byte (0 for success), a 32-bit big-endian length, the payload (for
/// `closestNodes`, a 16-bit count of contacts, each an id, a host of at most 255 bytes after its length, a port).
public enum NodeRPCResponse: Sendable, Equatable {
    case empty
    case bytes([UInt8])
    case contacts([NodeContact])
    case failure(String)

    static let maxPayload = 1 << 20

    func encoded() -> [UInt8] {
        var payload: [UInt8] = []
        var status: UInt8 = 0
        switch self {
        case .empty: break
        case let .bytes(bytes): payload = bytes
        case let .contacts(contacts):
            payload.appendBigEndian(UInt16(min(contacts.count, Int(UInt16.max))))
            for contact in contacts.prefix(Int(UInt16.max)) {
                payload.appendBigEndian(contact.node.rawValue)
                let host = Array(contact.address.host.utf8.prefix(255))
                payload.append(UInt8(host.count))
                payload += host
                payload.appendBigEndian(UInt16(truncatingIfNeeded: contact.address.port))
            }
        case let .failure(message):
            status = 1
            payload = Array(message.utf8.prefix(1024))
        }
        var bytes = [status]
        bytes.appendBigEndian(UInt32(payload.count))
        return bytes + payload
    }

    /// Decodes the response to `request`.
    static func decode(_ bytes: [UInt8], for request: NodeRPCRequest) throws(NodeRPCDecodingError) -> NodeRPCResponse {
        var reader = NodeRPCReader(bytes)
        let status = try reader.byte()
        var payload = NodeRPCReader(try reader.payload(max: maxPayload))
        try reader.end()
        guard status == 0 else {
            guard status == 1 else { throw .malformed("unknown status \(status)") }
            return .failure(String(decoding: payload.rest(), as: UTF8.self))
        }
        switch request {
        case .ping:
            try payload.end()
            return .empty
        case .echo:
            return .bytes(payload.rest())
        case .closestNodes:
            let count = Int(try payload.uint16())
            var contacts: [NodeContact] = []
            for _ in 0..<count {
                let node = NodeID(try payload.uint64())
                let hostLength = Int(try payload.byte())
                let host = String(decoding: try payload.take(hostLength), as: UTF8.self)
                let port = Int(try payload.uint16())
                contacts.append(NodeContact(node: node, address: Endpoint(host: host, port: port)))
            }
            try payload.end()
            return .contacts(contacts)
        }
    }
}

/// Bytes that are no RPC message.
public enum NodeRPCDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated
    case malformed(String)

    public var description: String {
        switch self {
        case .truncated: "the message ends early"
        case let .malformed(what): "malformed message: \(what)"
        }
    }
}

/// Reads big-endian fields from a message, throwing instead of trapping at its end.
struct NodeRPCReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ count: Int) throws(NodeRPCDecodingError) -> [UInt8] {
        guard count <= bytes.count - offset else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func byte() throws(NodeRPCDecodingError) -> UInt8 { try take(1)[0] }

    mutating func uint16() throws(NodeRPCDecodingError) -> UInt16 {
        try take(2).reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func uint64() throws(NodeRPCDecodingError) -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A 32-bit length, then that many bytes, at most `max`.
    mutating func payload(max: Int) throws(NodeRPCDecodingError) -> [UInt8] {
        let length = Int(try take(4).reduce(0) { $0 << 8 | UInt32($1) })
        guard length <= max else { throw .malformed("a payload of \(length) bytes, above \(max)") }
        return try take(length)
    }

    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    func end() throws(NodeRPCDecodingError) {
        guard offset == bytes.count else { throw .malformed("\(bytes.count - offset) bytes past its end") }
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
