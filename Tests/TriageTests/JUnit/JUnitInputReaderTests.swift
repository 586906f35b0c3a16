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
        try write("testsuite notes, not XML", to: root + "/a/notes.txt")
        // Named otherwise but JUnit by its root (gotestsum's test data): read; other XML and text: left alone.
        try write("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- report -->\n" + good, to: root + "/a/report.golden")
        try write("<?xml version=\"1.0\"?><xs:schema xmlns:xs=\"x\"/>", to: root + "/a/junit.xsd")
        try write("<testsuitesx/>", to: root + "/a/other.golden")
        let explicit = try JUnitTestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: explicit) }
        try write("garbage", to: explicit + "/explicit.golden")
        let result = JUnitInputReader().read(paths: [root, explicit + "/explicit.golden", root + "/missing"])
        #expect(result.files.map(\.path) == [root + "/a/b/deep.XML", root + "/a/report.golden", root + "/z/last.xml"])
        #expect(result.refusals.map(\.description) == [
            root + "/a/broken.xml:3: expected </testcase> to close the <testcase> opened on line 2, "
                + "found the end of the file (truncated?)",
            explicit + "/explicit.golden:1: expected '<' to start an XML document, found text",
            root + "/missing: expected a file or directory",
        ])
        #expect(result.refusals.map(\.kind) == [.malformedXML, .malformedXML, .unreadable])
    }

    @Test func rootSniffingSkipsDeclarationsCommentsAndInstructions() {
        func sniff(_ text: String) -> Bool { JUnitRootSniffer.looksLikeJUnit(prefix: Array(text.utf8)) }
        #expect(sniff("<testsuites>"))
        #expect(sniff("  \n<?xml version=\"1.0\"?><?xml-stylesheet href=\"a\"?><!-- a -- b --><testsuite name=\"s\">"))
        #expect(sniff("<testsuite/>"))
        #expect(!sniff("<testsuite-list/>"))
        #expect(!sniff("<!-- unclosed comment <testsuite>"))
        #expect(!sniff("<project><testsuite/></project>"))
        #expect(!sniff(""))
        #expect(!sniff("{\"testsuite\": 1}"))
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
        #expect(refused.refusals.map(\.expected) == ["at most 2 JUnit files under one directory"])
    }
}
