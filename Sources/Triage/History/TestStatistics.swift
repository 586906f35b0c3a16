/// What a CI history says about one test: counts, rates with their 95% intervals, the fliprate, the retries within
/// runs, its failure signatures and its verdict. Built by `init(identity:executions:history:settings:)`.
///
/// Counting: a *run* here is an execution (one run, one file) in which the test passed or failed; skipped and
/// unknown attempts are not counted at all. The failure rate is p, the rate at which a first attempt fails (what
/// sets off a rerun): failures of later attempts depend on an earlier failure and are counted as reruns instead.
public struct TestStatistics: Sendable, Equatable {
    public var identity: JUnitTestIdentity
    public var runs: Int
    /// Attempts that passed or failed.
    public var attempts: Int
    public var failedAttempts: Int
    /// Runs whose first attempt failed.
    public var failedRuns: Int
    /// Runs whose last attempt failed: what a reader that ignores retries sees.
    public var finalFailures: Int
    /// failedRuns / runs, and its Wilson 95% interval.
    public var failureRate: Double
    public var failureRateCI95: WilsonInterval
    /// Attempts that directly followed a failed attempt in the same run, and how many of them failed: q.
    public var reruns: Int
    public var rerunFailures: Int
    /// Runs with a failed attempt followed by another attempt, and those in which a later attempt passed.
    public var retriedRuns: Int
    public var passedOnRetryRuns: Int
    /// Runs (not executions) in which the test both passed and failed.
    public var runsWithPassAndFail: Int
    /// Known commits on which the test both passed and failed, sorted.
    public var sameCommitPassAndFail: [String]
    public var fliprate: FlipRate
    public var signatures: [FailureSignature]
    /// Mean seconds of an attempt that recorded its time; nil when none did.
    public var attemptSecondsMean: Double?
    /// `path:line` of the first file that has the test.
    public var firstSeen: String
    /// One letter per execution, in run order (`TestExecution.timelineLetter`): what report.html draws as the test's
    /// outcomes on a timeline.
    public var timeline: String
    public var verdict: HistoryVerdict
    /// Why, in one sentence a person can check against the numbers.
    public var reason: String
    /// With `insufficient evidence`: how many more runs would decide it, from `EvidenceRules`; nil otherwise.
    public var runsNeeded: Int?

    /// q = rerunFailures / reruns; nil without reruns.
    public var rerunFailureRate: Double? { reruns == 0 ? nil : Double(rerunFailures) / Double(reruns) }
    public var rerunFailureRateCI95: WilsonInterval { WilsonInterval(failures: rerunFailures, trials: reruns) }
    /// passedOnRetryRuns / retriedRuns; nil when no run retried the test.
    public var passOnRetryRate: Double? {
        retriedRuns == 0 ? nil : Double(passedOnRetryRuns) / Double(retriedRuns)
    }

    public init(
        identity: JUnitTestIdentity, executions: [TestExecution], anyCommitKnown: Bool, settings: HistorySettings
    ) {
        self.identity = identity
        var counts = Counts()
        var passedInRun: [Int: (passed: Bool, failed: Bool)] = [:]
        var onCommit: [String: (passed: Bool, failed: Bool)] = [:]
        var failures: [(path: String, attempt: JUnitAttempt)] = []
        var times: [Double] = []
        for execution in executions {
            let decisive = execution.decisiveAttempts
            guard !decisive.isEmpty else { continue }
            counts.add(decisive)
            failures += decisive.filter(\.outcome.isFailure).map { (execution.filePath, $0) }
            times += decisive.compactMap(\.time).filter { $0 >= 0 }
            let seen = passedInRun[execution.runIndex] ?? (false, false)
            passedInRun[execution.runIndex] = (seen.passed || execution.passed, seen.failed || execution.failed)
            if let commit = execution.commit {
                let seen = onCommit[commit] ?? (false, false)
                onCommit[commit] = (seen.passed || execution.passed, seen.failed || execution.failed)
            }
        }
        runs = counts.runs
        attempts = counts.attempts
        failedAttempts = counts.failedAttempts
        failedRuns = counts.failedRuns
        finalFailures = counts.finalFailures
        reruns = counts.reruns
        rerunFailures = counts.rerunFailures
        retriedRuns = counts.retriedRuns
        passedOnRetryRuns = counts.passedOnRetryRuns
        failureRate = runs == 0 ? 0 : Double(failedRuns) / Double(runs)
        failureRateCI95 = WilsonInterval(failures: failedRuns, trials: runs)
        runsWithPassAndFail = passedInRun.values.filter { $0.passed && $0.failed }.count
        sameCommitPassAndFail = onCommit.filter { $0.value.passed && $0.value.failed }.keys.sorted()
        fliprate = FlipRate(
            statuses: executions.compactMap(\.flipStatus), windowSize: settings.flipWindowRuns,
            windowCount: settings.flipWindowCount
        )
        signatures = FailureSignature.group(failures, normaliser: settings.normaliser)
        attemptSecondsMean = times.isEmpty ? nil : times.reduce(0, +) / Double(times.count)
        timeline = String(executions.map(\.timelineLetter))
        firstSeen = executions.first.map { "\($0.filePath):\($0.attempts.first?.line ?? 0)" } ?? ""
        let passedAcrossRuns = passedInRun.values.contains { $0.passed }
        let failedAcrossRuns = passedInRun.values.contains { $0.failed }
        // Every stored property must hold a value before `judge`, which reads the counts, can be called.
        (verdict, reason, runsNeeded) = (HistoryVerdict.insufficientEvidence, "", nil)
        (verdict, reason, runsNeeded) = judge(
            passed: passedAcrossRuns, failed: failedAcrossRuns, anyCommitKnown: anyCommitKnown,
            rules: settings.evidence
        )
    }

    /// The verdict rules of `HistoryVerdict`, with the reason and the runs still needed.
    private func judge(
        passed: Bool, failed: Bool, anyCommitKnown: Bool, rules: EvidenceRules
    ) -> (HistoryVerdict, String, Int?) {
        let confidence = ReportFormat.percent(rules.confidence)
        if runs == 0 {
            return (.insufficientEvidence, "never ran: every attempt was skipped or of unknown outcome",
                    rules.stableRunsMin)
        }
        if runsWithPassAndFail > 0 {
            return (.flaky, "passed and failed within one run, in \(runsWithPassAndFail) of \(runs) runs", nil)
        }
        if let commit = sameCommitPassAndFail.first {
            let others = sameCommitPassAndFail.count > 1 ? " and \(sameCommitPassAndFail.count - 1) more" : ""
            return (.flaky, "passed and failed on commit \(commit)\(others)", nil)
        }
        if passed && failed && !anyCommitKnown {
            return (.flaky, "passed and failed across runs; no run names its commit, so they are taken as one code",
                    nil)
        }
        if !passed {
            let needed = rules.brokenRunsMin
            let passRate = ReportFormat.percent(rules.detectablePassRate)
            if runs >= needed { return (.broken, "never passed in \(runs) runs", nil) }
            return (.insufficientEvidence,
                    "never passed in \(runs) runs; \(needed - runs) more without a pass would make it broken "
                        + "(a test passing \(passRate) of the time passes once in \(needed) runs with \(confidence) "
                        + "confidence)", needed - runs)
        }
        if !failed {
            let needed = rules.stableRunsMin
            let rate = ReportFormat.percent(rules.detectableFailureRate)
            if runs >= needed {
                return (.stable, "no failure in \(runs) runs: a \(rate) failure rate would have shown with "
                            + "\(confidence) confidence", nil)
            }
            return (.insufficientEvidence,
                    "no failure in \(runs) runs; \(needed - runs) more would show a \(rate) failure rate with "
                        + "\(confidence) confidence", needed - runs)
        }
        let needed = rules.runsToSee(rate: max(failureRate, rules.detectableFailureRate))
        return (.insufficientEvidence,
                "passed and failed, but never on one commit: a code change explains it as well as flakiness; "
                    + "\(needed) runs of one commit would show its \(ReportFormat.percent(failureRate)) failure "
                    + "rate with \(confidence) confidence", needed)
    }
}

/// The per-run counters of `TestStatistics`, kept apart so its initialiser reads as the rules it applies.
private struct Counts {
    var runs = 0, attempts = 0, failedAttempts = 0, failedRuns = 0, finalFailures = 0
    var reruns = 0, rerunFailures = 0, retriedRuns = 0, passedOnRetryRuns = 0

    /// One run's passed and failed attempts, in order.
    mutating func add(_ decisive: [JUnitAttempt]) {
        runs += 1
        attempts += decisive.count
        failedAttempts += decisive.filter(\.outcome.isFailure).count
        if decisive[0].outcome.isFailure { failedRuns += 1 }
        if decisive[decisive.count - 1].outcome.isFailure { finalFailures += 1 }
        var retried = false
        var passedAfterFailure = false
        for (previous, attempt) in zip(decisive.dropLast(), decisive.dropFirst()) where previous.outcome.isFailure {
            retried = true
            reruns += 1
            if attempt.outcome.isFailure { rerunFailures += 1 } else { passedAfterFailure = true }
        }
        if retried { retriedRuns += 1 }
        if passedAfterFailure { passedOnRetryRuns += 1 }
    }
}
