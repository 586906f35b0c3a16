import Foundation
import Testing
import Triage

@Suite("Figures")
struct FigureSummaryTests {
    static func record(_ seed: UInt64, reasons: [String: Int], attempts: [Double]) -> SeedRecord {
        var figures = SeedFigures()
        for (reason, count) in reasons { figures.count("failures_by_reason", reason, by: count) }
        for value in attempts { figures.record("attempts_per_entry", value) }
        return SeedRecord(seed: seed, figures: figures)
    }

    @Test("counters add up over seeds and rank largest first; distributions use nearest-rank order statistics")
    func aggregation() throws {
        let records = [
            Self.record(2, reasons: ["IPFSTimeout": 900, "INVALID_JSON": 200], attempts: [1, 2, 3, 4, 5]),
            Self.record(
                1, reasons: ["IPFSTimeout": 500, "INVALID_JSON": 139, "null": 8551], attempts: [6, 7, 8, 9, 10]),
        ]
        let summary = FigureSummary(records)
        #expect(summary.rankedCounts("failures_by_reason").map { "\($0.label) \($0.count)" }
            == ["null 8551", "IPFSTimeout 1400", "INVALID_JSON 339"])
        let attempts = try #require(summary.distributions["attempts_per_entry"])
        #expect(attempts == FigureSummary.Distribution(count: 10, min: 1, mean: 5.5, p50: 5, p90: 9, p99: 10, max: 10))
        #expect(FigureSummary(records.reversed()) == summary, "arrival order never shows")
        #expect(FigureSummary([SeedRecord(seed: 1)]).nilIfEmpty == nil)
    }

    @Test("a record's figures travel in its JSON line only when there are some")
    func recordCoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let plain = String(decoding: try encoder.encode(SeedRecord(seed: 3, digest: "ab")), as: UTF8.self)
        #expect(!plain.contains("figures"))
        let record = Self.record(4, reasons: ["HARD": 2], attempts: [1.5])
        let line = try encoder.encode(record)
        #expect(String(decoding: line, as: UTF8.self).contains(#""figures":{"counters":{"failures_by_reason""#))
        #expect(try JSONDecoder().decode(SeedRecord.self, from: line) == record)
    }

    @Test("the console shows one line per counter and per distribution; report.md a table per counter")
    func writers() throws {
        let records = (1...3).map {
            Self.record(UInt64($0), reasons: ["IPFSTimeout": $0, "INVALID_JSON": 1], attempts: [Double($0)])
        }
        let summary = FigureSummary(records)
        #expect(ConsoleSummary.figureLines(summary, indent: "  ") == [
            "  failures by reason: IPFSTimeout 6, INVALID_JSON 3",
            "  attempts per entry: n=3, mean 2, p50 2, p90 3, p99 3, max 3",
        ])
        let sweep = VariantSweep(
            scenario: "queue", variant: "robust", file: "q.yaml", requestedSeeds: 3, records: records,
            replay: Fixtures.replay)
        let report = Report(sweeps: [sweep])
        #expect(report.scenarios[0].figures == summary)
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains(
            "| failures by reason | count |\n| --- | ---: |\n| IPFSTimeout | 6 |\n| INVALID_JSON | 3 |"))
        #expect(markdown.contains("| attempts per entry | 3 | 2 | 2 | 3 | 3 | 3 |"))
        let junit = JUnitReport.render(report)
        #expect(junit.contains("failures by reason: IPFSTimeout 6, INVALID_JSON 3"), "\(junit)")
    }

    @Test("a counter with many labels shows the largest eight on the console and counts the rest")
    func manyLabels() {
        var figures = SeedFigures()
        for index in 1...10 { figures.count("by_host", "h\(index)", by: index) }
        let line = ConsoleSummary.figureLines(FigureSummary([SeedRecord(seed: 1, figures: figures)]), indent: "")
        #expect(line == ["by host: h10 10, h9 9, h8 8, h7 7, h6 6, h5 5, h4 4, h3 3, … 2 more"])
    }
}
