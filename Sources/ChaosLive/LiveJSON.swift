import Foundation

/// Live mode's JSON, for the ready line and the control API alike: snake-case names, sorted keys, URLs with their
/// slashes as they are, one line.
public enum LiveJSON {
    public static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every value encoded here is made of strings, numbers, booleans and arrays: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
