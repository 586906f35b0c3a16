/// A rerun policy for one test from its CI history, chosen by the simulator's own `RerunPolicyChooser`: p is the
/// test's failure rate (first attempts), q the failure rate of the retries CI ran within a run after a failure.
/// CI retries immediately and the files record no delay, so q is measured at one delay only, 0 s.
///
/// Rules: never failed → `none`; never passed → `fix` (a rerun cannot make it pass); otherwise the chooser's
/// cheapest policy whose 95% upper bound reaches the target, `insufficient_evidence` (with how many more runs
/// would settle it) or `quarantine`. Without any retry after a failure q is unmeasured and every
/// rerun is assumed to fail, as the simulator assumes for unmeasured sweeps: a guess is what this replaces.
public enum HistoryRerunPolicy {
    public static func derive(_ test: TestStatistics, settings: RerunSettings) -> ScenarioReport.Policy {
        let target = settings.target
        let ids = test.signatures.map(\.id)
        if test.failedAttempts == 0 {
            return ScenarioReport.Policy(
                RerunPolicy(action: .none, residualFailureRate: 0), target: target, reason: "never failed"
            )
        }
        if test.failedAttempts == test.attempts {
            let policy = RerunPolicy(action: .fix, residualFailureRate: test.failureRate, neverRerun: ids)
            return ScenarioReport.Policy(
                policy, target: target,
                reason: "never passed in \(test.runs) runs: a rerun cannot make it pass; fix the cause"
            )
        }
        let measured = test.reruns > 0
        let evidence = measured
            ? RerunEvidence(
                failures: test.failedRuns, runs: test.runs,
                rerunFailureRates: [.init(delaySeconds: 0, failures: test.rerunFailures, trials: test.reruns)],
                runSeconds: test.attemptSecondsMean ?? 0
            )
            : ScenarioReport.Policy.assumingEveryRerunFails(
                failures: test.failedRuns, runs: test.runs, settings: RerunSettings(delaysSeconds: [0], target: target)
            )
        let types = rerunPatterns(test.signatures)
        let chooser = RerunPolicyChooser(target: target, rerunsMax: settings.rerunsMax)
        var policy = chooser.choose(evidence, onlyRerun: types ?? [])
        policy.rerunSignatures = ids
        var reason = self.reason(policy, test: test, evidence: evidence, measured: measured, settings: settings)
        if policy.action == .rerun, types == nil {
            reason += "; only_rerun is left out because some failures name no error type"
        }
        return ScenarioReport.Policy(policy, target: target, reason: reason)
    }

    /// pytest-rerunfailures' `only_rerun` takes regular expressions (Python's `re`) searched in
    /// `f"{type(exc).__name__}: {exc}"` for each exception of the failure's chain. `^Type:` with the unqualified type
    /// name escaped selects exactly these failures: anchored, `Error` cannot match `ReadTimeoutError`, and the
    /// colon ends the name. Nil when some failure names no type: restricting reruns would then skip failures that
    /// the rates count.
    static func rerunPatterns(_ signatures: [FailureSignature]) -> [String]? {
        guard !signatures.isEmpty, signatures.allSatisfy({ !$0.type.isEmpty }) else { return nil }
        var patterns: [String] = []
        for signature in signatures {
            let name = String(signature.type.split(separator: ".").last ?? Substring(signature.type))
            let pattern = "^" + PythonRegex.escape(name) + ":"
            if !patterns.contains(pattern) { patterns.append(pattern) }
        }
        return patterns.sorted()
    }

    private static func reason(
        _ policy: RerunPolicy, test: TestStatistics, evidence: RerunEvidence, measured: Bool, settings: RerunSettings
    ) -> String {
        guard measured || policy.action == .none else {
            let p = "p = \(ReportFormat.percent(test.failureRate)) (\(test.failedRuns) of \(test.runs) runs)"
            return "\(p), and no run retried it after a failure, so q is unmeasured and every rerun is assumed to "
                + "fail: quarantine until CI records retries (e.g. Surefire's rerunFailingTestsCount) or the cause "
                + "is fixed"
        }
        var rules = PolicyReason(evidence: evidence, measured: measured, settings: settings, unit: "runs")
        rules.rerunNoun = "retries within runs"
        return rules.text(policy)
    }
}
