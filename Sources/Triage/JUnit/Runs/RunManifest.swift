import Foundation

/// The runs manifest: a CSV with the header `path,commit,timestamp[,job]` that says, for each run (a JUnit file or a
/// directory of them), which commit it tested and when. Bad rows are refused one by one with their line; good rows
/// are kept, so one typo does not discard a history.
public struct RunManifest: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// As written; relative paths are resolved against the manifest's directory by `resolvedPath`.
        public var path: String
        public var commit: String
        public var timestamp: RunTimestamp
        public var job: String?
        public var line: Int
    }

    public var path: String
    public var rows: [Row]
    public var refusals: [RunManifestError]

    /// The header, in order; `job` may be left out.
    public static let columns = ["path", "commit", "timestamp", "job"]

    /// Reads the manifest at `path`; a missing file or a wrong header refuses the whole manifest.
    public static func read(path: String) -> Result<RunManifest, RunManifestError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(RunManifestError(path: path, line: nil, expected: "a readable runs manifest (CSV)"))
        }
        return parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses manifest text; `path` names it in errors.
    public static func parse(_ text: String, path: String) -> Result<RunManifest, RunManifestError> {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map(String.init)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        guard let header = lines.first, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(RunManifestError(path: path, line: 1, expected: "the header path,commit,timestamp[,job]"))
        }
        let names = (try? fields(header))?.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        guard names == Array(columns.prefix(3)) || names == columns else {
            return .failure(
                RunManifestError(
                    path: path, line: 1, expected: "the header path,commit,timestamp[,job], found '\(header)'"
                )
            )
        }
        var manifest = RunManifest(path: path, rows: [], refusals: [])
        var lineOfPath: [String: Int] = [:]
        for (offset, text) in lines.enumerated().dropFirst() where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let line = offset + 1
            switch row(text, line: line, columnCount: names.count, path: path) {
            case .success(let row):
                if let first = lineOfPath[row.path] {
                    manifest.refusals.append(
                        RunManifestError(
                            path: path, line: line, expected: "each path once; \(row.path) is on line \(first)"
                        )
                    )
                } else {
                    lineOfPath[row.path] = line
                    manifest.rows.append(row)
                }
            case .failure(let refusal):
                manifest.refusals.append(refusal)
            }
        }
        return .success(manifest)
    }

    /// `row.path` against the manifest's directory, unless it is absolute.
    public func resolvedPath(_ row: Row) -> String {
        if row.path.hasPrefix("/") { return row.path }
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? row.path : directory + "/" + row.path
    }

    private static func row(
        _ text: String, line: Int, columnCount: Int, path: String
    ) -> Result<Row, RunManifestError> {
        let refuse = { (expected: String) -> Result<Row, RunManifestError> in
            .failure(RunManifestError(path: path, line: line, expected: expected))
        }
        guard let values = try? fields(text) else { return refuse("a closing quote in this row") }
        guard values.count == columnCount else {
            let header = columns.prefix(columnCount).joined(separator: ",")
            return refuse("\(columnCount) fields (\(header)), found \(values.count)")
        }
        let runPath = values[0].trimmingCharacters(in: .whitespaces)
        let commit = values[1].trimmingCharacters(in: .whitespaces)
        let time = values[2].trimmingCharacters(in: .whitespaces)
        guard !runPath.isEmpty else { return refuse("a path in the first field") }
        guard !commit.isEmpty, !commit.contains(where: \.isWhitespace) else {
            return refuse("a commit (one word, e.g. a SHA) in the second field, found '\(commit)'")
        }
        guard let timestamp = RunTimestamp(time) else {
            return refuse("an ISO 8601 timestamp like 2024-05-01T12:00:00Z in the third field, found '\(time)'")
        }
        let job = values.count > 3 ? values[3].trimmingCharacters(in: .whitespaces) : ""
        return .success(
            Row(path: runPath, commit: commit, timestamp: timestamp, job: job.isEmpty ? nil : job, line: line)
        )
    }

    private struct UnclosedQuote: Error {}

    /// One CSV line's fields (RFC 4180 quoting, `""` for a quote); a row may not span lines.
    private static func fields(_ line: String) throws(UnclosedQuote) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        current.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { throw UnclosedQuote() }
        fields.append(current)
        return fields
    }
}
