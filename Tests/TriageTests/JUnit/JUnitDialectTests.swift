import Testing
@testable import Triage

/// Each retry shape and writer quirk of the facts sheet, read from a real file copied from the corpus (see
/// Fixtures/junit/README.md), down to the attempts.
struct JUnitDialectTests {
    @Test func surefireFlakyFailuresComeBeforeTheFinalPass() throws {
        let file = try JUnitTestFiles.fixture("surefire-flaky.xml")
        let test = try #require(file.testCases(named: "createWebhook").first)
        #expect(test.attempts.map(\.outcome) == [.failed, .passed])
        #expect(test.attempts.map(\.source) == [.flakyFailure, .testcase])
        #expect(test.attempts[0].type == "java.lang.AssertionError")
        #expect(test.attempts[0].text?.contains("MicrosoftTeamsCrudTest") == true)
        #expect(test.isFlakyWithinFile)
        #expect(test.attempts[1].time == 0.683)
    }

    @Test func surefireRerunFailuresFollowTheFirstFailure() throws {
        let file = try JUnitTestFiles.fixture("surefire-always-fail.xml")
        let test = try #require(file.testCases(named: "testApp").first)
        #expect(test.attempts.map(\.source) == [.testcase, .rerunFailure, .rerunFailure, .rerunFailure])
        #expect(test.attempts.allSatisfy { $0.outcome == .failed && $0.message == "built to fail" })
        #expect(!test.isFlakyWithinFile)
        #expect(test.attempts.map(\.line) == [57, 88, 121, 154])
        // Surefire declares tests="4" for the 1 testcase (its reruns counted): the count is what is used.
        #expect(file.declaredTestCount == 4)
        #expect(file.testcaseElementCount == 1)
        #expect(file.caveats.contains(.declaredTotalsDisagree))
    }

    @Test func quickJUnitFlakyRerunAndFlakyFailShapes() throws {
        let file = try JUnitTestFiles.fixture("quick-junit-basic.xml")
        let flaky = try #require(file.testCases(named: "testcase4").first)
        #expect(flaky.attempts.map(\.outcome) == [.failed, .errored, .passed])
        let rerun = try #require(file.testCases(named: "testcase5").first)
        #expect(rerun.attempts.map(\.outcome) == [.failed, .failed, .errored])
        #expect(rerun.attempts.map(\.source) == [.testcase, .rerunFailure, .rerunError])
        #expect(rerun.attempts[2].text?.contains("retry error stack trace") == true)
        // flaky-fail-status = "failure": written as <failure>, but the flaky elements say the last attempt passed.
        let flakyFail = try #require(file.testCases(named: "testcase7").first)
        #expect(flakyFail.attempts.map(\.outcome) == [.failed, .errored, .passed])
        #expect(flakyFail.attempts.last?.source == .flakyFailStatus)
        #expect(flakyFail.attempts.last?.message?.hasPrefix("test passed on attempt 4/4") == true)
        let property = try #require(file.testCases(named: "testcase6").first?.properties.first)
        #expect(property == JUnitProperty(name: "step", value: "foobar"))
        #expect(file.testCases.filter(\.isFlakyWithinFile).map(\.identity.name) == ["testcase4", "testcase7"])
        #expect(file.properties == [JUnitProperty(name: "env", value: "FOOBAR")])
    }

    @Test func nextestKeepsEachRerunsOwnTimeAndTimestamp() throws {
        let file = try JUnitTestFiles.fixture("nextest-project.xml")
        let flaky = try #require(file.testCases(named: "test_flaky_mod_4").first)
        #expect(flaky.attempts.map(\.outcome) == [.failed, .failed, .failed, .passed])
        #expect(flaky.attempts.prefix(3).allSatisfy { $0.timestamp != nil && $0.time != nil })
        #expect(Set(flaky.attempts.prefix(3).compactMap(\.timestamp)).count == 3)
        let failing = try #require(file.testCases(named: "test_failure_assert").first)
        #expect(failing.attempts.map(\.source) == [.testcase, .rerunFailure, .rerunFailure])
    }

    @Test func nextestStressIterationsAreAttemptsOfOneTest() throws {
        let file = try JUnitTestFiles.fixture("nextest-stress.xml")
        #expect(file.testcaseElementCount == 4)
        #expect(file.testCases.count == 2)
        let test = try #require(file.testCases(named: "test_expr_deps").first)
        #expect(test.identity.scope == "nextest-filtering::match")
        #expect(test.attempts.map(\.outcome) == [.passed, .passed])
        #expect(test.attempts.map(\.element) == [0, 1])
    }

    @Test func oneTestcasePerAttemptMergesIntoOneTest() throws {
        let file = try JUnitTestFiles.fixture("attempt-per-testcase.xml")
        #expect(file.testCases.count == 1)
        let test = try #require(file.testCases.first)
        #expect(test.elementCount == 3)
        #expect(test.attempts.map(\.outcome) == [.passed, .failed, .errored])
        #expect(test.attempts.map(\.line) == [4, 10, 15])
        #expect(test.time == 3.0)
        #expect(test.isFlakyWithinFile)
        #expect(file.caveats.contains(.repeatedTestcases))
    }

    @Test func testNGRetriesWrittenAsSkipsBecomeFailedAttemptsBeforeTheResult() throws {
        let file = try JUnitTestFiles.fixture("testng-pulsar-retry.xml")
        let test = try #require(file.testCases(named: "testVersionStrings").first)
        #expect(test.attempts.map(\.outcome) == [.failed, .failed])
        #expect(test.attempts.map(\.source) == [.retriedSkip, .testcase])
        #expect(test.attempts.last?.message == "expected [1.2.1] but found [1.2.0]")
        #expect(file.caveats.contains(.skipsReadAsRetries))
        #expect(file.hostname == "fv-az96-723")
    }

    @Test func testNGPassThenSkipsReadsAsRetriedThenPassed() throws {
        let xml = """
            <testsuite name="S"><testcase classname="C" name="t"/>
            <testcase classname="C" name="t"><skipped/></testcase><testcase classname="C" name="t"><skipped/></testcase>
            </testsuite>
            """
        let test = try #require(try JUnitTestFiles.parse(xml).testCases.first)
        #expect(test.attempts.map(\.outcome) == [.failed, .failed, .passed])
        #expect(test.isFlakyWithinFile)
    }

    @Test func pytestRerunfailuresAttemptsWithoutAResultAreUnknown() throws {
        let xml = """
            <testsuites><testsuite name="pytest">
            <testcase classname="t.test_a" name="test_x" time="0.1"/>
            <testcase classname="t.test_a" name="test_x" time="0.1"/>
            <testcase classname="t.test_a" name="test_y" time="0.1"/>
            </testsuite></testsuites>
            """
        let file = try JUnitTestFiles.parse(xml)
        #expect(file.testCases(named: "test_x").first?.attempts.map(\.outcome) == [.unknown, .passed])
        #expect(file.testCases(named: "test_x").first?.attempts.first?.source == .emptyRerun)
        #expect(file.testCases(named: "test_y").first?.attempts.map(\.outcome) == [.passed])
        #expect(file.caveats.contains(.rerunAttemptsWithoutResult))
    }

    @Test func nestedSuitesAreCountedByTheirTestcasesNotTheirTotals() throws {
        let file = try JUnitTestFiles.fixture("nested-suites.xml")
        #expect(file.suiteCount == 4)
        #expect(file.testcaseElementCount == 5)
        #expect(file.testCases.count == 5)
        let nested = try #require(file.testCases(named: "TestCase3").first)
        #expect(nested.suitePath == ["Project Test Suite", "TestSuite2", "TestSuite2.1"])
        #expect(nested.file == "/somepath")
        #expect(nested.fileLine == 40)
    }

    @Test func pytestWithFileAndLineScopesByFileAndWithoutByTheSuite() throws {
        let xunit1 = try JUnitTestFiles.fixture("pytest-xunit1.xml")
        let failing = try #require(xunit1.testCases(named: "test_rsh_events").first)
        #expect(failing.identity.scope == "test/test_spark.py")
        #expect(failing.fileLine == 819)
        #expect(failing.finalOutcome == .failed)
        #expect(xunit1.testCases(named: "test_get_available_devices").first?.attempts.first?.type == "pytest.skip")
        #expect(xunit1.hostname == "3f909e363d82")
        let xunit2 = try JUnitTestFiles.fixture("pytest-xunit2.xml")
        #expect(xunit2.testCases.map(\.identity.scope) == ["pytest", "pytest", "pytest"])
        #expect(xunit2.testCases.map(\.finalOutcome) == [.passed, .failed, .failed])
        #expect(xunit2.testCases[1].attempts[0].message?.contains("\n  - xyz") == true)
    }

    @Test func jestTestsWithoutAClassnameAreScopedByTheirSuiteFile() throws {
        let file = try JUnitTestFiles.fixture("jest-junit.xml")
        #expect(file.testCases.map(\.identity.classname) == ["", ""])
        #expect(file.testCases.map(\.identity.scope) == ["widget.test.js", "widget.test.js"])
        #expect(file.testCases.map(\.identity.description) == [
            "widget.test.js :: Load widget via link", "widget.test.js :: Mount iframe",
        ])
    }

    @Test func swiftTestXCTestOutputSaysSkipsReadAsPasses() throws {
        for name in ["swift-xctest-xunit.xml", "swift-xctest-generated.xml"] {
            let file = try JUnitTestFiles.fixture(name)
            #expect(file.caveats.contains(.xctestSkipsReadAsPasses), "\(name)")
            #expect(file.testCases.filter { $0.finalOutcome == .failed }.count == 1, "\(name)")
            #expect(!file.testCases.contains { $0.finalOutcome == .skipped }, "\(name)")
        }
        let generated = try JUnitTestFiles.fixture("swift-xctest-generated.xml")
        #expect(generated.testCases(named: "testSkips").first?.finalOutcome == .passed)
        #expect(generated.testCases(named: "testFails").first?.attempts.first?.message == "failure")
    }

    @Test func swiftTestingsOwnJUnitWritesSkipsAndRealMessages() throws {
        let file = try JUnitTestFiles.fixture("swift-testing-junit.xml")
        #expect(!file.caveats.contains(.xctestSkipsReadAsPasses))
        #expect(file.testCases.map(\.finalOutcome) == [.failed, .failed, .passed, .skipped])
        let failing = try #require(file.testCases(named: "answerIsFortyThree()").first)
        #expect(failing.attempts.first?.message == "Expectation failed: (answer() \u{2192} 42) == 43 (error)")
        #expect(failing.identity.classname == "LibTests.AnswerTests")
        #expect(file.testCases(named: "answerIsSkipped()").first?.attempts.first?.text == "not today")
    }

    @Test func severalResultsInOneTestcaseResolveErrorOverFailureOverSkipped() throws {
        let file = try JUnitTestFiles.fixture("multiresult.xml")
        let errors = try #require(file.testCases(named: "test that errors").first)
        #expect(errors.attempts.count == 1)
        #expect(errors.finalOutcome == .errored)
        #expect(errors.attempts[0].overridden == [.failed, .skipped])
        #expect(errors.attempts[0].message == "test teardown failure")
        #expect(file.testCases.map(\.finalOutcome) == [.errored, .failed, .skipped, .passed])
    }

    @Test func statusAttributesMarkSkipsWithoutASkippedChild() throws {
        let xml = """
            <testsuites><testsuite name="s"><testcase name="a" status="disabled"/><testcase name="b" status="run"/>
            <testcase name="c" status="run" result="skipped"/></testsuite></testsuites>
            """
        #expect(try JUnitTestFiles.parse(xml).testCases.map(\.finalOutcome) == [.skipped, .passed, .skipped])
    }

    @Test func timesWithThousandsSeparatorsAndNonsenseAreReadOrDropped() throws {
        let xml = "<testsuite><testcase name=\"a\" time=\"1,234.5\"/><testcase name=\"b\" time=\"x\"/></testsuite>"
        #expect(try JUnitTestFiles.parse(xml).testCases.map(\.time) == [1234.5, nil])
    }
}
