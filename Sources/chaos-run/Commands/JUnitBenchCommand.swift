import ArgumentParser
import ChaosBenchmarks
import Foundation

struct JUnitBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "junit",
        abstract: "Benchmarks reading a large JUnit file, against the 2 s budget and a plain read of its bytes.",
        discussion: """
            Generates a file of N × 100 testcases (every 10th failing, every 17th skipped, each with output) in a \
            temporary directory, reads it with the triage reader, and deletes it. Reports parse_seconds, \
            budget_ratio (parse seconds / 2 s, for 100,000 testcases), parse_to_plain_read (parse time over the time \
            to read the same bytes in this run) and the process's peak RSS.
            """
    )

    @Option(help: "Suites of 100 testcases (1...10000).")
    var suites: Int = 1000

    func validate() throws {
        try BenchOption.check("--suites", suites, in: 1...10_000)
    }

    func run() throws {
        let result = try JUnitReadBenchmark.run(suites: suites, in: NSTemporaryDirectory())
        func rounded(_ value: Double, _ digits: Double = 1000) -> Double { (value * digits).rounded() / digits }
        BenchOutput.printLine([
            "bench": "junit", "case": "read", "testcases": result.testcases, "failed_tests": result.failedTests,
            "megabytes": rounded(Double(result.bytes) / 1_000_000, 10),
            "parse_seconds": rounded(result.parseSeconds),
            "budget_ratio": rounded(result.parseSeconds / 2 * 100_000 / Double(max(1, result.testcases))),
            "plain_read_seconds": rounded(result.plainReadSeconds),
            "parse_to_plain_read": rounded(result.parseSeconds / max(1e-9, result.plainReadSeconds), 10),
            "peak_rss_mib": rounded(Double(result.peakResidentBytes) / 1_048_576, 10),
        ])
    }
}
