/// The header block of one multipart part.
public struct MultipartPartHead: Sendable {
    /// The part's position in the body, from 1.
    public let index: Int
    /// Header fields in order, names lowercased.
    public let fields: [(name: String, value: String)]

    /// The first field called `name` (case-insensitive).
    public func field(_ name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name == lowered }?.value
    }
}
