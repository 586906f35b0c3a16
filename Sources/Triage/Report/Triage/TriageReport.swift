import Foundation

/// The report of `chaos-run triage` over a CI history: the schema of its `report.json`, documented in
/// reports/README.md ("Triage report"). Tests are sorted by identity and every list inside is sorted, so the same
/// inputs give the same bytes.
public struct TriageReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    /// One run as read: where its commit and time came from, and how many of its files parsed.
    public struct Run: Codable, Sendable, Equatable {
        public var path: String
        public var commit: String?
        public var commitSource: JUnitRun.Provenance
        public var timestamp: String?
        public var timestampSource: JUnitRun.Provenance
        public var job: String?
        public var filesRead: Int
        public var filesRefused: Int

        enum CodingKeys: String, CodingKey {
            case path, commit, timestamp, job
            case commitSource = "commit_source"
            case timestampSource = "timestamp_source"
            case filesRead = "files_read"
            case filesRefused = "files_refused"
        }

        /// Absent values as explicit nulls, so every run has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(commit, forKey: .commit)
            try container.encode(commitSource, forKey: .commitSource)
            try container.encode(timestamp, forKey: .timestamp)
            try container.encode(timestampSource, forKey: .timestampSource)
            try container.encode(job, forKey: .job)
            try container.encode(filesRead, forKey: .filesRead)
            try container.encode(filesRefused, forKey: .filesRefused)
        }
    }

    /// A refused file or manifest row, as `location: expected …` and in parts.
    public struct Refusal: Codable, Sendable, Equatable {
        /// `malformedXML`, `notJUnit`, `unreadable` (JUnitReadError.Kind) or `manifest`.
        public var kind: String
        public var path: String
        public var line: Int?
        public var expected: String
        /// The whole refusal as the console prints it: `path:line: expected …`.
        public var message: String

        enum CodingKeys: String, CodingKey {
            case kind, path, line, expected, message
        }

        /// `line` as an explicit null when the file could not be read at all.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(path, forKey: .path)
            try container.encode(line, forKey: .line)
            try container.encode(expected, forKey: .expected)
            try container.encode(message, forKey: .message)
        }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var runs: Int
        public var filesRead: Int
        public var filesRefused: Int
        public var tests: Int
        /// Tests per verdict; every verdict is a key, zero included.
        public var verdicts: [String: Int]

        enum CodingKeys: String, CodingKey {
            case runs, tests, verdicts
            case filesRead = "files_read"
            case filesRefused = "files_refused"
        }
    }

    public var schemaVersion: Int
    public var tool: String
    /// The runs were put in time order (every run had a timestamp); otherwise the order given was kept.
    public var timeOrdered: Bool
    public var evidence: EvidenceRules
    public var totals: Totals
    public var runs: [Run]
    public var refused: [Refusal]
    public var tests: [TriageTestReport]

    /// The report of `history`; `manifestRefusals` are the rows of a runs manifest that were refused.
    public init(history: TestHistory, manifestRefusals: [RunManifestError] = [], settings: HistorySettings) {
        schemaVersion = Self.currentSchemaVersion
        tool = "chaos-run triage"
        timeOrdered = history.isTimeOrdered
        evidence = settings.evidence
        runs = history.runs.map { run in
            Run(
                path: run.path, commit: run.commit, commitSource: run.commitSource, timestamp: run.timestamp?.text,
                timestampSource: run.timestampSource, job: run.job, filesRead: run.result.files.count,
                filesRefused: run.result.refusals.count
            )
        }
        let fileRefusals = history.runs.flatMap(\.result.refusals).map {
            Refusal(kind: $0.kind.rawValue, path: $0.path, line: $0.line, expected: $0.expected,
                    message: $0.description)
        }
        let rowRefusals = manifestRefusals.map {
            Refusal(kind: "manifest", path: $0.path, line: $0.line, expected: $0.expected, message: $0.description)
        }
        refused = (rowRefusals + fileRefusals).sorted { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
        let anyCommitKnown = history.anyCommitKnown
        tests = history.tests.map { test in
            let statistics = TestStatistics(
                identity: test.identity, executions: test.executions, anyCommitKnown: anyCommitKnown,
                settings: settings
            )
            return TriageTestReport(statistics, policy: HistoryRerunPolicy.derive(statistics, settings: settings.rerun))
        }
        var verdicts = Dictionary(uniqueKeysWithValues: HistoryVerdict.allCases.map { ($0.rawValue, 0) })
        for test in tests { verdicts[test.verdict.rawValue, default: 0] += 1 }
        totals = Totals(
            runs: runs.count, filesRead: runs.map(\.filesRead).reduce(0, +), filesRefused: refused.count,
            tests: tests.count, verdicts: verdicts
        )
    }

    /// The tests with `verdict`, most failing first (then by id).
    public func tests(_ verdict: HistoryVerdict) -> [TriageTestReport] {
        tests.filter { $0.verdict == verdict }.sorted { ($1.failureRate, $0.id) < ($0.failureRate, $1.id) }
    }

    /// The JSON of `report.json`: sorted keys, pretty-printed, slashes unescaped, ending in a newline.
    public func jsonData() throws -> Data {
        try ReportJSON.encode(self)
    }

    /// Reads a triage `report.json`; throws for malformed JSON or a schema version other than 1.
    public static func decode(from data: Data) throws -> TriageReport {
        let report = try JSONDecoder().decode(TriageReport.self, from: data)
        guard report.schemaVersion == currentSchemaVersion else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [CodingKeys.schemaVersion],
                debugDescription: "triage report schema version \(report.schemaVersion) is not supported (expected 1)"
            ))
        }
        return report
    }

    enum CodingKeys: String, CodingKey {
        case tool, evidence, totals, runs, refused, tests
        case schemaVersion = "schema_version"
        case timeOrdered = "time_ordered"
    }
}
