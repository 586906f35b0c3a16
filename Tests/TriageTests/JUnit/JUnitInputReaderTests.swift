import Foundation
import Testing
@testable import Triage

/// Reading sets of inputs: directories recursively in sorted order, and one refusal never losing the other files.
struct JUnitInputReaderTests {
    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func aDirectoryIsReadRecursivelyInSortedOrderAndRefusalsKeepTheRest() throws {
        let root = try JUnitTestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let good = "<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>"
        try write(good, to: root + "/z/last.xml")
        try write(good, to: root + "/a/b/deep.XML")
        try write("<testsuite>\n<testcase name=\"t\">\n", to: root + "/a/broken.xml")
        try write(good, to: root + "/a/notes.txt")
        try write(good, to: root + "/explicit.golden")
        let result = JUnitInputReader().read(paths: [root, root + "/explicit.golden", root + "/missing"])
        #expect(result.files.map(\.path) == [root + "/a/b/deep.XML", root + "/z/last.xml", root + "/explicit.golden"])
        #expect(result.refusals.map(\.description) == [
            root + "/a/broken.xml:3: expected </testcase> to close the <testcase> opened on line 2, "
                + "found the end of the file (truncated?)",
            root + "/missing: expected a file or directory",
        ])
        #expect(result.refusals.map(\.kind) == [.malformedXML, .unreadable])
    }

    @Test func theFixturesDirectoryReadsCompletely() {
        let result = JUnitInputReader().read(paths: [JUnitTestFiles.fixtures])
        #expect(result.refusals.isEmpty)
        #expect(result.files.count == 15)
        #expect(result.files.map(\.path) == result.files.map(\.path).sorted())
    }

    @Test func aDirectoryWithMoreFilesThanTheLimitIsRefusedWhole() throws {
        let root = try JUnitTestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for index in 0..<3 { try write("<testsuite/>", to: root + "/\(index).xml") }
        #expect(JUnitInputReader(filesPerDirectoryMax: 3).read(paths: [root]).files.count == 3)
        let refused = JUnitInputReader(filesPerDirectoryMax: 2).read(paths: [root])
        #expect(refused.files.isEmpty)
        #expect(refused.refusals.map(\.expected) == ["at most 2 .xml files under one directory"])
    }
}
