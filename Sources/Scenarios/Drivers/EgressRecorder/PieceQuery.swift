/// The fields of a retrieval node's piece request, `/piece/<digest>?inv=…&space=…&size=…&receipt=…` (in any order,
/// other fields ignored, the last of a repeated one kept), read in one pass over the path's bytes: every request of
/// an egress world goes through it.
struct PieceQuery: Equatable {
    var digest: String
    var invocation: String
    var space: String
    var size: Int
    var receiptSize: Int

    /// Nil unless the path is a piece request with a digest, a non-empty `inv` and `space`, and decimal `size` and
    /// `receipt`.
    init?(path: String) {
        var path = path
        guard let fields = path.withUTF8({ Self.fields(of: $0) }) else { return nil }
        self = fields
    }

    private init(digest: String, invocation: String, space: String, size: Int, receiptSize: Int) {
        self.digest = digest
        self.invocation = invocation
        self.space = space
        self.size = size
        self.receiptSize = receiptSize
    }

    private static let prefix = Array("/piece/".utf8)

    private static func fields(of bytes: UnsafeBufferPointer<UInt8>) -> PieceQuery? {
        guard bytes.count > prefix.count, bytes.starts(with: prefix),
              let question = bytes[prefix.count...].firstIndex(of: UInt8(ascii: "?")), question > prefix.count
        else { return nil }
        var invocation: Range<Int>?
        var space: Range<Int>?
        var size: Int?
        var receipt: Int?
        var cursor = question + 1
        while cursor < bytes.count {
            let end = bytes[cursor...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            if let equals = bytes[cursor..<end].firstIndex(of: UInt8(ascii: "=")) {
                let name = bytes[cursor..<equals]
                let value = equals + 1..<end
                if name.elementsEqual("inv".utf8) {
                    invocation = value
                } else if name.elementsEqual("space".utf8) {
                    space = value
                } else if name.elementsEqual("size".utf8) {
                    size = decimal(bytes[value])
                } else if name.elementsEqual("receipt".utf8) {
                    receipt = decimal(bytes[value])
                }
            }
            cursor = end + 1
        }
        guard let invocation, !invocation.isEmpty, let space, !space.isEmpty, let size, let receipt else { return nil }
        return PieceQuery(
            digest: string(bytes[prefix.count..<question]), invocation: string(bytes[invocation]),
            space: string(bytes[space]), size: size, receiptSize: receipt)
    }

    /// A non-negative decimal of at most 18 digits (no sign, no overflow); nil otherwise.
    private static func decimal(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }
}
