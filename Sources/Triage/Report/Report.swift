import Foundation

/// The report of a `chaos-run` sweep over one or more scenario variants: the schema of `report.json`, documented in
/// `reports/README.md`.
///
/// The JSON is byte-identical for the same records whatever order they arrived in, apart from the wall-time fields
/// (`scenarios[].wall_seconds`): keys are sorted, scenarios are sorted by name, variant and file, and every list
/// inside a scenario is sorted too.
public struct Report: Codable, Sendable, Equatable {
    /// The version of this schema; a reader rejects versions it does not know.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var tool: String
    /// Some variant's sweep was interrupted before all its seeds finished.
    public var incomplete: Bool
    public var scenarios: [ScenarioReport]

    public init(schemaVersion: Int = Report.currentSchemaVersion, tool: String = "chaos-run", incomplete: Bool,
                scenarios: [ScenarioReport]) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.incomplete = incomplete
        self.scenarios = scenarios
    }

    /// The report of a set of sweeps, in any order.
    public init(sweeps: [VariantSweep]) {
        let scenarios = sweeps.map(ScenarioReport.init).sorted {
            ($0.name, $0.variant, $0.file, $0.firstSeed) < ($1.name, $1.variant, $1.file, $1.firstSeed)
        }
        self.init(incomplete: scenarios.contains { $0.incomplete }, scenarios: scenarios)
    }

    /// True when every variant with an expectation meets it (its rates lie within the expected bounds) and no sweep
    /// was interrupted: the CLI exits 0 when this holds and 1 otherwise. An interrupted sweep cannot vouch for anything.
    public var expectationsMet: Bool {
        !incomplete && scenarios.allSatisfy { $0.expectationMet && !$0.incomplete }
    }

    /// The JSON of `report.json`: sorted keys, pretty-printed, slashes unescaped, ending in a newline.
    public func jsonData() throws -> Data {
        try ReportJSON.encode(self)
    }

    /// Reads a `report.json`. Throws a `DecodingError` for malformed JSON or a schema version other than 1.
    public static func decode(from data: Data) throws -> Report {
        let report = try JSONDecoder().decode(Report.self, from: data)
        guard report.schemaVersion == currentSchemaVersion else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [CodingKeys.schemaVersion],
                debugDescription: "report schema version \(report.schemaVersion) is not supported (expected 1)"
            ))
        }
        return report
    }

    enum CodingKeys: String, CodingKey {
        case tool, incomplete, scenarios
        case schemaVersion = "schema_version"
    }
}
