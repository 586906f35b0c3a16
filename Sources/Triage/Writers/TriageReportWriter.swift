import Foundation

/// Writes `report.json`, `report.md` and `report.html` of a triage into a directory, each atomically
/// (`ReportWriter.writeAtomically`: a temporary file, fsync, rename), so CI collecting artifacts never sees half a
/// file.
public enum TriageReportWriter {
    public static let fileNames = ["report.json", "report.md", "report.html"]

    public static func write(_ report: TriageReport, to directory: String) throws {
        try ReportWriter.writeDirectory(directory, json: report.jsonData, texts: [
            ("report.md", { TriageMarkdownReport.render(report) }),
            ("report.html", { TriageHTMLReport.render(report) }),
        ])
    }
}
