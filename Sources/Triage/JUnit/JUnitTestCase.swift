/// One test in one file: every testcase element with the same identity merged, with its attempts in order.
/// Repeated testcases are attempts (Gradle without `mergeReruns`, gotestsum, pytest-rerunfailures ≥ 16.6.1, nextest
/// stress runs, box/flaky), so merging them here is what lets a flake inside one file be seen.
public struct JUnitTestCase: Sendable, Equatable {
    public var identity: JUnitTestIdentity
    /// Names of the enclosing suites, outermost first.
    public var suitePath: [String]
    /// The testcase's `file` and `line` attributes (pytest xunit1, xunit.net, Testmo), when written.
    public var file: String?
    public var fileLine: Int?
    public var attempts: [JUnitAttempt]
    /// Sum of the elements' `time` attributes; nil when none had one.
    public var time: Double?
    public var properties: [JUnitProperty]
    /// Line of the first testcase element with this identity.
    public var line: Int
    /// How many testcase elements were merged into this test.
    public var elementCount: Int

    public init(
        identity: JUnitTestIdentity, suitePath: [String], file: String? = nil, fileLine: Int? = nil,
        attempts: [JUnitAttempt], time: Double? = nil, properties: [JUnitProperty] = [], line: Int,
        elementCount: Int = 1
    ) {
        self.identity = identity
        self.suitePath = suitePath
        self.file = file
        self.fileLine = fileLine
        self.attempts = attempts
        self.time = time
        self.properties = properties
        self.line = line
        self.elementCount = elementCount
    }

    /// How the last attempt ended: what a reader that ignores retries would report.
    public var finalOutcome: JUnitAttempt.Outcome { attempts.last?.outcome ?? .unknown }

    /// Passed and failed within this one file: a pass on retry, the strongest flakiness evidence one run can give.
    public var isFlakyWithinFile: Bool {
        attempts.contains { $0.outcome == .passed } && attempts.contains { $0.outcome.isFailure }
    }

    /// How many attempts ran after the first.
    public var retryCount: Int { max(0, attempts.count - 1) }
}
