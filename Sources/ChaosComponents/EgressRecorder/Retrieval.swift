/// One retrieval the server is about to serve: what its receipt says.
public struct Retrieval: Sendable, Equatable, Hashable {
    /// The invocation's id: one receipt per invocation.
    public var invocationID: String
    public var space: String
    /// The piece served.
    public var digest: String
    /// The bytes served, `offset..<offset + length` of the piece.
    public var offset: Int
    public var length: Int
    /// How many bytes the encoded receipt takes (the invocation and its proofs), at least what the fields need.
    public var receiptSize: Int

    public init(invocationID: String, space: String, digest: String, offset: Int, length: Int, receiptSize: Int) {
        self.invocationID = invocationID
        self.space = space
        self.digest = digest
        self.offset = offset
        self.length = length
        self.receiptSize = receiptSize
    }

    /// The receipt's bytes: one line of fields, then spaces up to `receiptSize` (standing for the invocation and the
    /// proofs a real receipt carries).
    public var receipt: [UInt8] {
        var line = "inv=\(invocationID) space=\(space) digest=\(digest) range=\(offset)+\(length)\n"
        // The padding is most of a receipt: the array starts as all padding (one fill) and the line is copied over
        // its start, rather than appended to byte by byte.
        return line.withUTF8 { fields in
            var bytes = [UInt8](repeating: 0x20, count: max(receiptSize, fields.count))
            bytes.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: fields) }
            return bytes
        }
    }

    /// The invocation id of a receipt written by `receipt` (its first field), without reading the rest: what a
    /// tracker counting receipts per invocation needs of each. Nil when the bytes do not start `inv=<id> `.
    public static func invocationID(ofReceipt bytes: ArraySlice<UInt8>) -> String? {
        let prefix = "inv=".utf8
        guard bytes.starts(with: prefix) else { return nil }
        let start = bytes.startIndex + prefix.count
        guard let end = bytes[start...].firstIndex(where: { $0 == 0x20 || $0 == 0x0A }), end > start,
              bytes[end] == 0x20
        else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Reads a receipt written by `receipt`; nil when the bytes are not one. The fields come in the order `receipt`
    /// writes them; the tracker and the checkers read every receipt of every batch, so this reads the line once.
    public init?(receipt bytes: some Collection<UInt8>) {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let line = String(decoding: bytes[..<newline], as: UTF8.self)
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        func field(_ index: Int, _ name: String) -> Substring? {
            let part = parts[index]
            guard part.hasPrefix(name), part.dropFirst(name.count).first == "=" else { return nil }
            return part.dropFirst(name.count + 1)
        }
        guard let invocation = field(0, "inv"), let space = field(1, "space"), let digest = field(2, "digest"),
              let range = field(3, "range"), let plus = range.firstIndex(of: "+"),
              let offset = Int(range[..<plus]), let length = Int(range[range.index(after: plus)...])
        else { return nil }
        self.init(
            invocationID: String(invocation), space: String(space), digest: String(digest), offset: offset,
            length: length, receiptSize: bytes.count)
    }
}
