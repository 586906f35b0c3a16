/// A stable fingerprint of a whole simulation run: every trace event and every scheduling decision.
///
/// Two runs with the same digest made the same choices in the same order at the same virtual times. It is printed as
/// 16 hexadecimal digits.
public struct TraceDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: UInt64

    public init(value: UInt64) { self.value = value }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Parses the 16-digit hexadecimal form.
    public init?(_ text: String) {
        guard text.count == 16, let value = UInt64(text, radix: 16) else { return nil }
        self.value = value
    }
}
