import ChaosBenchmarks
import Foundation
import Testing
@testable import Triage

/// The file `chaos-run bench junit` reads (its speed is measured there, release build, not in a timed test): what
/// the reader finds in it must be what the generator wrote.
struct JUnitThroughputTests {
    @Test("the benchmark's generated file reads as 100 testcases a suite, every 10th failing")
    func generatedFileReadsAsWritten() throws {
        let directory = try JUnitTestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.xml"
        try JUnitReadBenchmark.generate(suites: 20, to: path)
        let file = try JUnitFileReader().read(path: path).get()
        #expect(file.testcaseElementCount == 2_000)
        #expect(file.testCases.count { $0.finalOutcome == .failed } == 200)
        // Every 17th case that is not also a 10th is skipped: 0..<100 holds 17, 34, 51, 68, 85 (0 fails).
        #expect(file.testCases.count { $0.finalOutcome == .skipped } == 20 * 5)
    }
}
