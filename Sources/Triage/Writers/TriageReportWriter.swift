import Foundation

/// Writes `report.json`, `report.md` and `report.html` of a triage into a directory, each atomically (`ReportWriter.writeAtomically`:
/// a temporary file, fsync, rename), so CI collecting artifacts never sees half a file.
public enum TriageReportWriter {
    public static let fileNames = ["report.json", "report.md", "report.html"]

    public static func write(_ report: TriageReport, to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriterError(step: .createDirectory, path: directory, reason: String(describing: error))
        }
        let json: Data
        do {
            json = try report.jsonData()
        } catch {
            throw ReportWriterError(step: .encode, path: "report.json", reason: String(describing: error))
        }
        let root = URL(fileURLWithPath: directory)
        try ReportWriter.writeAtomically(json, to: root.appendingPathComponent("report.json").path)
        try ReportWriter.writeAtomically(
            Data(TriageMarkdownReport.render(report).utf8), to: root.appendingPathComponent("report.md").path
        )
        try ReportWriter.writeAtomically(
            Data(TriageHTMLReport.render(report).utf8), to: root.appendingPathComponent("report.html").path
        )
    }
}
