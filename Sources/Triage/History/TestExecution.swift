/// One test in one file of one run: its attempts there, in order. A run that holds the same test in several files
/// (a rerun written as a new file, or a directory of unrelated files) gives one execution per file, so that attempts
/// from different files are never read as retries of each other.
public struct TestExecution: Sendable, Equatable {
    /// The run's position in the history's order, 0 first.
    public var runIndex: Int
    /// The run's commit, when known.
    public var commit: String?
    /// The JUnit file the attempts were read from.
    public var filePath: String
    public var attempts: [JUnitAttempt]

    public init(runIndex: Int, commit: String?, filePath: String, attempts: [JUnitAttempt]) {
        self.runIndex = runIndex
        self.commit = commit
        self.filePath = filePath
        self.attempts = attempts
    }

    /// Attempts that passed or failed; skipped and unknown attempts say nothing about the test's rate.
    public var decisiveAttempts: [JUnitAttempt] {
        attempts.filter { $0.outcome == .passed || $0.outcome.isFailure }
    }

    /// Whether the test ran here at all: some attempt passed or failed.
    public var ran: Bool { attempts.contains { $0.outcome == .passed || $0.outcome.isFailure } }

    public var passed: Bool { attempts.contains { $0.outcome == .passed } }
    public var failed: Bool { attempts.contains { $0.outcome.isFailure } }

    /// `P` passed at the first attempt, `R` passed after failing (on retry), `F` failed, `S` neither passed nor failed
    /// (skipped, or of unknown outcome).
    public var timelineLetter: Character {
        switch (passed, failed) {
        case (true, false): "P"
        case (true, true): "R"
        case (false, true): "F"
        case (false, false): "S"
        }
    }

    /// The status flaky-tests-detection would read for this execution: the last decisive attempt's tag (it reads
    /// one status per testcase, and the retries within a run are measured apart, by the pass-on-retry rate).
    public var flipStatus: FlipRate.Status? {
        switch decisiveAttempts.last?.outcome {
        case .passed: .pass
        case .failed: .failure
        case .errored: .error
        case .skipped, .unknown, nil: nil
        }
    }
}
