/// Sizes as scenario files write them: a bare integer (bytes), or a number and a unit with no space: `B`, the
/// decimal `KB`, `MB`, `GB` (powers of 1000) or the binary `KiB`, `MiB`, `GiB` (powers of 1024), e.g. "4MiB",
/// "512KiB", "10MB", "1.5KiB". The value must be a whole number of bytes.
public enum ByteSizeText {
    static let units: [(name: String, bytes: Int64)] = [
        ("B", 1), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
    ]

    /// The number of bytes `text` denotes, or nil if it is not a size.
    public static func parse(_ text: String) -> Int? {
        let (number, unitName) = DecimalAmount.splitNumberAndUnit(text)
        let unitBytes: Int64
        if unitName.isEmpty {
            guard !number.contains(".") else { return nil }
            unitBytes = 1
        } else {
            guard let unit = units.first(where: { $0.name == unitName }) else { return nil }
            unitBytes = unit.bytes
        }
        return DecimalAmount.scaled(number, by: unitBytes).flatMap { Int(exactly: $0) }
    }

    /// The text `parse` reads back as `bytes`: in the largest unit that divides it, binary units first ("200KiB",
    /// "1MB"), else in bytes ("12800B").
    public static func format(_ bytes: Int) -> String {
        guard bytes != 0 else { return "0B" }
        let byLargest = units.dropFirst().sorted { $0.bytes > $1.bytes }
        let binaryFirst = byLargest.filter { $0.name.hasSuffix("iB") } + byLargest.filter { !$0.name.hasSuffix("iB") }
        guard let unit = binaryFirst.first(where: { Int64(bytes) % $0.bytes == 0 }) else { return "\(bytes)B" }
        return "\(Int64(bytes) / unit.bytes)\(unit.name)"
    }
}
