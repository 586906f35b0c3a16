import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report directory: `report.json`, `report.md`, `junit.xml` and `report.html`.
///
/// Each file is written to a temporary file in the same directory, flushed to disk, then renamed over the final
/// name. rename(2) within one file system is atomic, so a reader (or CI collecting artifacts after a Ctrl-C) sees
/// either the previous file or the complete new one, never half of one, and a failed write leaves no temporary file.
public enum ReportWriter {
    public static let fileNames = ["report.json", "report.md", "junit.xml", "report.html"]

    /// Writes the four files into `directory`, creating it (and its parents) if needed.
    public static func write(_ report: Report, to directory: String) throws {
        try writeDirectory(directory, json: report.jsonData, texts: [
            ("report.md", { MarkdownReport.render(report) }), ("junit.xml", { JUnitReport.render(report) }),
            ("report.html", { HTMLReport.render(report) }),
        ])
    }

    /// Creates `directory` (and its parents) and writes `report.json` from `json`, then each text file, every one
    /// atomically: the steps every report directory (a sweep's, a triage's) takes.
    static func writeDirectory(
        _ directory: String, json: () throws -> Data, texts: [(name: String, render: () -> String)]
    ) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriterError(step: .createDirectory, path: directory, reason: String(describing: error))
        }
        let data: Data
        do {
            data = try json()
        } catch {
            throw ReportWriterError(step: .encode, path: "report.json", reason: String(describing: error))
        }
        try writeAtomically(data, to: path(directory, "report.json"))
        for text in texts {
            try writeAtomically(Data(text.render().utf8), to: path(directory, text.name))
        }
    }

    /// Writes `data` to a unique temporary file beside `destination`, fsyncs it, and renames it into place.
    public static func writeAtomically(_ data: Data, to destination: String) throws {
        let url = URL(fileURLWithPath: destination)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReportWriterError(step: .write, path: temporary, reason: systemError())
        }
        var closed = false
        do {
            defer { if !closed { close(descriptor) } }
            try writeAll(data, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else {
                throw ReportWriterError(step: .write, path: temporary, reason: systemError())
            }
            closed = true
            guard close(descriptor) == 0 else {
                throw ReportWriterError(step: .write, path: temporary, reason: systemError())
            }
            guard rename(temporary, destination) == 0 else {
                throw ReportWriterError(step: .rename, path: destination, reason: systemError())
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ReportWriterError(step: .write, path: path, reason: systemError())
                }
                offset += written
            }
        }
    }

    private static func path(_ directory: String, _ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

/// POSIX write(2), named apart from `ReportWriter.write` so the call inside it is unambiguous.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
