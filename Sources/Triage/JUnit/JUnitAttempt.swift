/// One execution of a test, as a JUnit file records it. The four ways writers record retries (Surefire elements,
/// repeated testcases, TestNG skips, final attempt only) all end up as a list of these, in execution order as far
/// as the file tells it.
public struct JUnitAttempt: Sendable, Equatable {
    /// What the attempt ended in. `failed` and `errored` stay apart (they are different signature classes) but both
    /// count as a failure for rates; `unknown` is an attempt whose file does not say how it ended.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case passed, failed, errored, skipped, unknown

        /// Whether this outcome counts as a failing run.
        public var isFailure: Bool { self == .failed || self == .errored }
    }

    /// Which element, and which dialect rule, produced the attempt: reports say how an outcome was inferred.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// The testcase element's own result child, or its absence (a pass).
        case testcase
        /// Surefire/nextest elements for earlier attempts of a test that passed in the end.
        case flakyFailure, flakyError
        /// Surefire/nextest elements for later attempts of a test that failed every time.
        case rerunFailure, rerunError
        /// nextest's `flaky-fail-status = "failure"`: a `<failure>` beside flaky elements. Surefire writes flaky
        /// elements only for a test that passed in the end, so this last attempt passed; its message is kept.
        case flakyFailStatus
        /// TestNG's retry analyzer: a failed attempt that was retried is written as `<skipped/>`.
        case retriedSkip
        /// pytest-rerunfailures ≥ 16.6.1 writes each attempt as a testcase, and an attempt that was rerun has no
        /// result child: it reads as a pass, though it failed. Without the plugin version it is unknown.
        case emptyRerun
    }

    public var outcome: Outcome
    public var source: Source
    /// The result element's `message` and `type` attributes, and its text (with any nested `<stackTrace>`).
    public var message: String?
    public var type: String?
    public var text: String?
    /// Seconds, from the testcase or (nextest) the rerun element itself.
    public var time: Double?
    /// The element's own `timestamp` (nextest writes one per rerun element).
    public var timestamp: String?
    /// Line of the element the attempt came from.
    public var line: Int
    /// Which of the testcase elements sharing this identity it came from, 0 first.
    public var element: Int
    /// Outcomes of other result elements in the same testcase that lost to the precedence error > failure > skipped
    /// (e.g. a case carrying both `<skipped>` and `<failure>`), so a report can say which precedence was applied.
    public var overridden: [Outcome]

    public init(
        outcome: Outcome, source: Source, message: String? = nil, type: String? = nil, text: String? = nil,
        time: Double? = nil, timestamp: String? = nil, line: Int, element: Int = 0, overridden: [Outcome] = []
    ) {
        self.outcome = outcome
        self.source = source
        self.message = message
        self.type = type
        self.text = text
        self.time = time
        self.timestamp = timestamp
        self.line = line
        self.element = element
        self.overridden = overridden
    }
}
