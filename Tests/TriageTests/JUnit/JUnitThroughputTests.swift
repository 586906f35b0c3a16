import Foundation
import Testing
@testable import Triage

/// The budget: a 100,000-testcase file in at most 2 s, release build. Generated here, never committed. Off
/// by default (a debug build is ~10x slower and CI machines vary); run it with
/// `TRIAGE_JUNIT_BENCH=1 swift test -c release --filter JUnitThroughputTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TRIAGE_JUNIT_BENCH"] != nil, "set TRIAGE_JUNIT_BENCH=1"))
struct JUnitThroughputTests {
    /// 1,000 suites of 100 cases, every 10th failing with a CDATA trace, every 17th skipped, each with output.
    static func generate(to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        handle.write(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n".utf8))
        for suite in 0..<1_000 {
            var chunk = "<testsuite name=\"suite\(suite)\" tests=\"100\" timestamp=\"2024-01-01T00:00:00\">\n"
            for test in 0..<100 {
                chunk += "  <testcase classname=\"com.example.pkg\(suite).Class\(suite)\""
                chunk += " name=\"test_\(test)[p-\(test)]\""
                chunk += " time=\"0.\(test)\" file=\"tests/test_\(suite).py\" line=\"\(test)\">\n"
                if test % 10 == 0 {
                    chunk += "    <failure message=\"expected 1 but got 2 &amp; more\" type=\"AssertionError\">"
                    chunk += "<![CDATA[Traceback (most recent call last):\n  File \"x.py\", line 3\nAssertionError]]>"
                    chunk += "</failure>\n"
                } else if test % 17 == 0 {
                    chunk += "    <skipped message=\"not today\"/>\n"
                }
                chunk += "    <system-out>some output &lt;here&gt; line\nanother line</system-out>\n  </testcase>\n"
            }
            handle.write(Data((chunk + "</testsuite>\n").utf8))
        }
        handle.write(Data("</testsuites>\n".utf8))
    }

    @Test func aHundredThousandTestcasesReadInUnderTwoSeconds() throws {
        let directory = try JUnitTestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.xml"
        try Self.generate(to: path)
        let clock = ContinuousClock()
        var result: Result<JUnitFile, JUnitReadError>?
        let elapsed = clock.measure { result = JUnitFileReader().read(path: path) }
        let file = try #require(try result?.get())
        #expect(file.testcaseElementCount == 100_000)
        #expect(file.testCases.filter { $0.finalOutcome == .failed }.count == 10_000)
        print("read 100,000 testcases in \(elapsed)")
        #expect(elapsed < .seconds(2))
    }
}
