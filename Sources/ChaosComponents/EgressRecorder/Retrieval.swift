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
        var bytes = Array("inv=\(invocationID) space=\(space) digest=\(digest) range=\(offset)+\(length)\n".utf8)
        if bytes.count < receiptSize { bytes.append(contentsOf: repeatElement(0x20, count: receiptSize - bytes.count)) }
        return bytes
    }

    /// Reads a receipt written by `receipt`; nil when the bytes are not one.
    public init?(receipt bytes: some Collection<UInt8>) {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        var fields: [Substring: Substring] = [:]
        for part in String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ") {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            fields[part[..<equals]] = part[part.index(after: equals)...]
        }
        guard let invocation = fields["inv"], let space = fields["space"], let digest = fields["digest"],
              let range = fields["range"], let plus = range.firstIndex(of: "+"),
              let offset = Int(range[..<plus]), let length = Int(range[range.index(after: plus)...])
        else { return nil }
        self.init(
            invocationID: String(invocation), space: String(space), digest: String(digest), offset: offset,
            length: length, receiptSize: bytes.count)
    }
}
