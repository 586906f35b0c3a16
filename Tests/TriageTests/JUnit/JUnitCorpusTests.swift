import Foundation
import Testing
@testable import Triage

/// Every file of the shared corpus (../shared/junit-corpus, next to the project) through the reader: each parses or
/// is refused with a line, never a crash, and the files SOURCES.md marks as broken or hostile are the ones refused.
@Suite(.enabled(if: JUnitTestFiles.corpusIsPresent, "needs ../shared/junit-corpus next to the package"))
struct JUnitCorpusTests {
    /// The XML files SOURCES.md marks as not XML, truncated, hostile, or rooted elsewhere than testsuite(s).
    static let refusedXML: [String: JUnitReadError.Kind] = [
        "EnricoMi__publish-unit-test-result-action/python/test/files/xml/empty.xml": .malformedXML,
        "EnricoMi__publish-unit-test-result-action/python/test/files/xml/non-xml.xml": .malformedXML,
        "EnricoMi__publish-unit-test-result-action/python/test/files/junit-xml/pytest/corrupt-xml.xml": .malformedXML,
        "mikepenz__action-junit-report/test_results/corrupt-junit/e2e-tests/corrupt/target/sf-reports/"
            + "TEST-test.CorruptTest.xml": .malformedXML,
        "mikepenz__action-junit-report/test_results/junit-web-test/expected.xml": .malformedXML,
        "mikepenz__action-junit-report/test_results/junit-web-test/expectedRetries.xml": .malformedXML,
        "jenkinsci__junit-plugin/src/test/resources/hudson/tasks/junit/testXxe-xxe.xml": .malformedXML,
        "jenkinsci__junit-plugin/src/test/resources/hudson/tasks/junit/testXxe-oob.xml": .malformedXML,
        "EnricoMi__publish-unit-test-result-action/python/test/files/junit-xml/non-junit.xml": .notJUnit,
        "inorton__junit2html/tests/junit-testrun.xml": .notJUnit,
        "apache__maven-surefire/surefire-report-parser/src/test/resources/fixture/testsuitexmlparser/"
            + "failsafe-summary.xml": .notJUnit,
    ]

    /// Files whose flakyFailure/flakyError elements SOURCES.md lists (its Fl column and quick index).
    static let flakyFiles = [
        "apache__maven-surefire/surefire-report-parser/src/test/resources/fixture/testsuitexmlparser/"
            + "TEST-org.acme.FlakyTest.xml",
        "jenkinsci__junit-plugin/src/test/resources/hudson/tasks/junit/gh-237/TEST-io.olamy.FlakyTest.xml",
        "nextest-rs__nextest/fixtures/fixture-project-junit.xml",
        "nextest-rs__quick-junit/crates/quick-junit-tests/tests/fixtures/basic_report.xml",
        "mikepenz__action-junit-report/test_results/maven_surefire_flaky/surefire-report.xml",
        "mikepenz__action-junit-report/test_results/junit_flaky_failure/marathon_junit_report.xml",
        "jenkinsci__junit-plugin/src/test/resources/hudson/tasks/junit/junit-report-huge.xml",
    ]

    private static func everyFile() -> [String] {
        let root = JUnitTestFiles.corpus
        let walker = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    @Test func everyFileParsesOrIsRefusedWithALineAndTheBrokenOnesAreTheRefusedOnes() throws {
        let files = Self.everyFile()
        #expect(files.count > 300)
        var refusedXML: [String: JUnitReadError.Kind] = [:]
        var kinds: [String: Int] = [:]
        var parsedXML = 0
        for relative in files {
            let isJUnitCandidate = relative.hasSuffix(".xml") || relative.hasSuffix(".golden")
            switch JUnitFileReader().read(path: JUnitTestFiles.corpus + "/" + relative) {
            case .success(let file):
                if isJUnitCandidate { parsedXML += 1 }
                #expect(file.testcaseElementCount >= file.testCases.count, "\(relative)")
                kinds["parsed", default: 0] += 1
            case .failure(let refusal):
                #expect(refusal.line != nil, "\(refusal)")
                #expect(refusal.description.hasPrefix(JUnitTestFiles.corpus + "/" + relative + ":"))
                if isJUnitCandidate { refusedXML[relative] = refusal.kind }
                kinds[refusal.kind.rawValue, default: 0] += 1
            }
        }
        #expect(refusedXML == Self.refusedXML)
        let candidates = files.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".golden") }.count
        #expect(parsedXML == candidates - Self.refusedXML.count)
        print("corpus: \(files.count) files; \(parsedXML) JUnit XML parsed, \(refusedXML.count) refused; all: \(kinds)")
    }

    @Test func aWalkOfTheCorpusFindsEveryJUnitFileWhateverItsNameAndNothingElse() {
        let listed = JUnitInputReader().files(at: JUnitTestFiles.corpus)
        #expect(listed.refusals.isEmpty)
        let prefix = JUnitTestFiles.corpus + "/"
        let found = Set(listed.files.map { String($0.dropFirst(prefix.count)) })
        let everyFile = Self.everyFile()
        // Every .xml (even the broken ones, which are refused when read), and gotestsum's .golden files by their root.
        #expect(found.filter { $0.hasSuffix(".golden") }.count == 4)
        #expect(found == Set(everyFile.filter { $0.lowercased().hasSuffix(".xml") || $0.hasSuffix(".golden") }))
        #expect(!found.contains { $0.hasSuffix(".xsd") || $0.hasSuffix(".results") || $0.hasSuffix(".md") })
    }

    @Test func theFlakyFilesTheCorpusMarksHaveAPassOnRetry() throws {
        for relative in Self.flakyFiles {
            let file = try JUnitTestFiles.read(JUnitTestFiles.corpus + "/" + relative)
            #expect(file.testCases.contains { $0.isFlakyWithinFile }, "\(relative)")
        }
    }

    @Test func jestsOwnRunNeedsTheSuiteFileToTellItsTestsApart() throws {
        let file = try JUnitTestFiles.read(
            JUnitTestFiles.corpus + "/dorny__test-reporter/__tests__/fixtures/external/jest/jest-test-results.xml"
        )
        #expect(file.testcaseElementCount == 4_239)
        // 891 testcase elements have classname="" (counted with Python's ElementTree).
        #expect(file.testCases.filter { $0.identity.classname.isEmpty }.map(\.elementCount).reduce(0, +) == 891)
        let byClassAndName = Dictionary(grouping: file.testCases) { [$0.identity.classname, $0.identity.name] }
        // Without the suite file as scope, hundreds of different tests would share an identity.
        #expect(file.testCases.count - byClassAndName.count >= 200)
        let scopes = file.testCases.map(\.identity.scope)
        #expect(scopes.allSatisfy { scope in [".js", ".ts", ".tsx"].contains { scope.hasSuffix($0) } })
    }

    @Test func pulsarsTestNGRetriesReadAsFailedAttempts() throws {
        let file = try JUnitTestFiles.read(
            JUnitTestFiles.corpus + "/dorny__test-reporter/__tests__/fixtures/external/java/pulsar-test-report.xml"
        )
        #expect(file.testcaseElementCount == 808)
        #expect(file.suiteCount == 176)
        let test = try #require(file.testCases(named: "shouldNotDoAnythingWhenThereIsBeforeAndAfterMethod").first)
        #expect(test.attempts.map(\.outcome) == [.failed, .failed, .failed, .failed, .passed])
    }

    @Test func theHugeFileKeepsItsFlakyAndRerunTests() throws {
        let file = try JUnitTestFiles.read(
            JUnitTestFiles.corpus
                + "/jenkinsci__junit-plugin/src/test/resources/hudson/tasks/junit/junit-report-huge.xml"
        )
        #expect(file.testcaseElementCount == 7_580)
        #expect(file.testCases.contains { $0.attempts.contains { $0.source == .rerunFailure } })
        #expect(file.testCases.filter { $0.finalOutcome == .skipped }.count == 2_430)
    }
}
