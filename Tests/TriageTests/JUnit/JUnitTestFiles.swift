import Foundation
import Testing
@testable import Triage

/// Where the JUnit test files live, and helpers to read them. Fixtures are copied into the package; the full corpus
/// sits next to the project (`../shared/junit-corpus` from the package root) and is read in place.
enum JUnitTestFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/TriageTests/Fixtures/junit").path
    static let corpus = packageRoot.appendingPathComponent("../shared/junit-corpus").standardized.path
    static var corpusIsPresent: Bool { FileManager.default.fileExists(atPath: corpus + "/SOURCES.md") }

    /// The fixture `name`, read; a refusal fails the test with its location.
    static func fixture(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JUnitFile {
        try read(fixtures + "/" + name, sourceLocation: sourceLocation)
    }

    static func read(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JUnitFile {
        switch JUnitFileReader().read(path: path) {
        case .success(let file): return file
        case .failure(let error):
            Issue.record("refused: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The refusal of `text`, or nil when it parsed.
    static func refusal(_ text: String, limits: XMLLimits = XMLLimits()) -> JUnitReadError? {
        refusal(bytes: Array(text.utf8), limits: limits)
    }

    static func refusal(bytes: [UInt8], limits: XMLLimits = XMLLimits()) -> JUnitReadError? {
        if case .failure(let error) = JUnitFileReader(limits: limits).read(bytes: bytes, path: "t.xml") { return error }
        return nil
    }

    static func parse(_ text: String) throws -> JUnitFile {
        try JUnitFileReader().read(bytes: Array(text.utf8), path: "t.xml").get()
    }

    /// A scratch directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "triage-junit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
