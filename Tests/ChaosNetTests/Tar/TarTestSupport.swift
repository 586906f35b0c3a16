import Foundation
import ChaosNet
import Testing

/// One archive member with its content, as tests compare them.
struct ArchivedItem: Equatable, CustomStringConvertible {
    var entry: TarEntry
    var content: [UInt8] = []

    var description: String {
        "\(entry.kind) \(entry.path) mode \(String(entry.mode, radix: 8)) size \(entry.size) "
            + "link \(entry.linkTarget) content \(content.count) bytes"
    }
}

/// What a complete read produced: items in order, whether `.end` was seen, and how the stream finished.
struct ReadOutcome {
    var items: [ArchivedItem] = []
    var endEventCount = 0
    var result: Result<TarCompletion, TarReadError> = .success(.missingEndBlocks(zeroBlockCount: 0))

    var completion: TarCompletion? {
        try? result.get()
    }

    var error: TarReadError? {
        if case .failure(let error) = result {
            return error
        }
        return nil
    }
}

/// Bytes that differ between files and positions, so misplaced content is caught.
func patternBytes(count: Int, seed: UInt8 = 1) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9 &+ Int(seed) &* 13) }
}

/// Writes items with TarWriter, sending each file's content in pieces of `pieceCount` bytes.
func writeArchive(_ items: [ArchivedItem], pieceCount: Int = 4096) throws -> [UInt8] {
    var writer = TarWriter()
    var archive: [UInt8] = []
    for item in items {
        archive += try writer.header(for: item.entry)
        var start = 0
        while start < item.content.count {
            let end = min(start + pieceCount, item.content.count)
            archive += item.content[start..<end]
            archive += try writer.contentWritten(end - start)
            start = end
        }
    }
    archive += try writer.end()
    return archive
}

/// Reads `archive` with TarReader in fragments chosen by `fragmentSizes` (cycled), never throwing.
func readArchive(_ archive: [UInt8], fragmentSizes: [Int] = [65536]) -> ReadOutcome {
    var reader = TarReader()
    var outcome = ReadOutcome()
    var start = 0
    var fragmentIndex = 0
    do {
        while start < archive.count {
            let end = min(start + fragmentSizes[fragmentIndex % fragmentSizes.count], archive.count)
            fragmentIndex += 1
            try reader.feed(archive[start..<end]) { event in
                switch event {
                case .entry(let entry):
                    outcome.items.append(ArchivedItem(entry: entry))
                case .data(let bytes):
                    outcome.items[outcome.items.count - 1].content += bytes
                case .end:
                    outcome.endEventCount += 1
                }
            }
            start = end
        }
        outcome.result = .success(try reader.finish())
    } catch {
        outcome.result = .failure(error)
    }
    return outcome
}

/// A fresh directory under the system temporary directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("tarstream-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// The result of running an external tool.
struct ToolRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs `arguments[0]` (looked up on PATH) with the rest as arguments, waiting for it to exit.
///
/// Output goes to files rather than pipes so that a chatty tool can never block on a full pipe.
func runTool(_ arguments: [String], in directory: URL? = nil) throws -> ToolRun {
    try withTemporaryDirectory { scratch in
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory {
            process.currentDirectoryURL = directory
        }
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return ToolRun(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
            standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }
}
