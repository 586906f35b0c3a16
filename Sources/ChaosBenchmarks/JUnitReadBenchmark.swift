import Foundation
import Triage

/// How fast `JUnitFileReader` reads a large JUnit file, against the time it takes just to read its bytes in the same
/// run: the budget is 100,000 testcases in at most 2 s (release build), and the ratio to a plain read says
/// how much of that the parsing costs, whatever the machine's speed.
public enum JUnitReadBenchmark {
    public struct Result: Sendable {
        public var testcases: Int
        public var bytes: Int
        public var parseSeconds: Double
        /// Reading the same file in 64 KiB chunks and summing its bytes: the floor any reader pays.
        public var plainReadSeconds: Double
        public var peakResidentBytes: Int
        public var failedTests: Int
    }

    /// Generates a file of `suites × 100` testcases in `directory`, reads it, and deletes it.
    public static func run(suites: Int, in directory: String) throws -> Result {
        let path = directory + "/chaosnet-junit-bench-\(ProcessInfo.processInfo.processIdentifier).xml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try generate(suites: suites, to: path)
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let clock = ContinuousClock()  // determinism: ok (wall time of a benchmark, outside any simulation)
        var checksum = 0
        let plain = try clock.measure { checksum = try plainRead(path) }
        var parsed: Swift.Result<JUnitFile, JUnitReadError> = .failure(
            JUnitReadError(kind: .unreadable, path: path, line: nil, expected: "the generated file"))
        let parse = clock.measure { parsed = JUnitFileReader().read(path: path) }
        let file = try parsed.get()
        // The sum is printed nowhere; using it keeps the optimiser from dropping the plain read.
        guard checksum >= 0 else { throw CocoaError(.fileReadCorruptFile) }
        return Result(
            testcases: file.testcaseElementCount, bytes: bytes, parseSeconds: parse.secondsDouble,
            plainReadSeconds: plain.secondsDouble, peakResidentBytes: ProcessMemory.peakResidentBytes() ?? 0,
            failedTests: file.testCases.count { $0.finalOutcome == .failed })
    }

    /// `suites` suites of 100 cases, every 10th failing with a CDATA trace, every 17th skipped, each with output:
    /// the shape of a large pytest or Surefire file.
    public static func generate(suites: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n".utf8))
        for suite in 0..<suites {
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
            try handle.write(contentsOf: Data((chunk + "</testsuite>\n").utf8))
        }
        try handle.write(contentsOf: Data("</testsuites>\n".utf8))
    }

    private static func plainRead(_ path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        var sum = 0
        while let chunk = try handle.read(upToCount: 64 << 10), !chunk.isEmpty {
            // Through a raw buffer: Data's element-by-element iterator would make this floor many times too slow.
            chunk.withUnsafeBytes { buffer in
                for byte in buffer { sum &+= Int(byte) }
            }
        }
        return sum & Int.max
    }
}
