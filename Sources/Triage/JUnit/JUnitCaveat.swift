/// Something about a file that limits what its results can say, found while reading it. Reports list these next to
/// the numbers, because each one changes how a pass or a count should be read.
public enum JUnitCaveat: String, Sendable, Codable, CaseIterable {
    /// `swift test`'s XCTest xUnit writer has no skipped element: a skipped test reads as a pass.
    case xctestSkipsReadAsPasses
    /// Earlier attempts of repeated pytest testcases had no result child (pytest-rerunfailures ≥ 16.6.1); they were
    /// read as `unknown`, not as passes.
    case rerunAttemptsWithoutResult
    /// A test was written as `<skipped/>` beside a real result; the skips were read as TestNG retries (failed
    /// attempts), placed before the result.
    case skipsReadAsRetries
    /// The declared `tests=` total differs from the testcase elements counted (nested suites double-count,
    /// gotestsum writes `tests="0"`); the count is what is used.
    case declaredTotalsDisagree
    /// Some identities occur in several testcase elements; they were merged as attempts of one test.
    case repeatedTestcases
    /// Some result text was longer than the limit and was cut.
    case textTruncated
}
