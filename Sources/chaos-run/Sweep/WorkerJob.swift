import Foundation
import Triage

/// One unit of work a worker process runs: one seed of one variant of one scenario file, optionally with an in-world
/// rerun after a delay, optionally keeping the trace. Sent to a worker as one JSON line on its standard input.
struct WorkerJob: Codable, Sendable, Equatable {
    var file: String
    var variant: String
    var seed: UInt64
    /// Nanoseconds between a transient failure and its rerun, for measuring q(d); nil for a plain run.
    var rerunAfterNanoseconds: Int64?
    /// Keep trace events and send them back (check-determinism uses them to show the first difference).
    var trace: Bool

    init(file: String, variant: String, seed: UInt64, rerunAfterNanoseconds: Int64? = nil, trace: Bool = false) {
        self.file = file
        self.variant = variant
        self.seed = seed
        self.rerunAfterNanoseconds = rerunAfterNanoseconds
        self.trace = trace
    }
}

/// What a worker answers for a job, as one JSON line on its standard output.
struct WorkerReply: Codable, Sendable {
    var record: SeedRecord?
    var workloadSeconds: Double
    var rerunPassed: Bool?
    /// Trace events as timeline lines, when the job asked for them.
    var trace: [String]?
    /// Set instead of a record when the job could not be run at all (the file no longer loads, say).
    var error: String?
}

enum WorkerCoding {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain values cannot fail; an empty line would be reported by the reader as a broken reply.
        return (try? encoder.encode(value)) ?? Data()
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from line: Data) throws -> Value {
        let decoder = JSONDecoder()
        return try decoder.decode(type, from: line)
    }
}
