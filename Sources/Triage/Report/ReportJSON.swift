import Foundation

/// The one JSON form of every report file: sorted keys, pretty-printed, slashes unescaped, ending in a newline, so
/// that the same report gives the same bytes and diffs line by line.
enum ReportJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
