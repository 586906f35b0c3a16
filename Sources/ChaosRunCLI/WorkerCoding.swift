import Foundation

/// The worker protocol's framing: one JSON object per line (`SweepJob` to the worker, `SweepJobResult` back), with
/// sorted keys so that a line is the same bytes for the same value.
enum WorkerCoding {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain values cannot fail; an empty line would be reported by the reader as a broken reply.
        return (try? encoder.encode(value)) ?? Data()
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from line: Data) throws -> Value {
        try JSONDecoder().decode(type, from: line)
    }
}
