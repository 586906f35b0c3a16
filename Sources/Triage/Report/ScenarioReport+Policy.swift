extension ScenarioReport {
    /// What CI should do about a variant's failures, with the numbers and a one-line reason a person can check.
    ///
    /// Derivation rules (see `derive`):
    /// - nothing failed: `none`;
    /// - any damaging, hang, timeout, crash or violation signature: `fix`, listing those in `never_rerun`, because a
    ///   passing rerun would hide a real defect; nothing is rerun (`only_rerun` is empty);
    /// - only transient signatures: the cheapest rerun policy `RerunPolicyChooser` finds for the measured evidence,
    ///   restricted to those signatures (`only_rerun`), `insufficient_evidence` when the estimates would reach the
    ///   target but their 95% upper bounds do not, or `quarantine` when none reaches the target. Without measured
    ///   evidence every rerun is assumed to fail (q = 1 at every delay), which means `quarantine` unless the failure
    ///   rate is already under the target: a policy nobody measured is a guess, and guesses are what this replaces.
    ///
    /// With measured evidence, p is the evidence's failure rate (the runner measures it together with q(d), normally
    /// the sweep's transient failure rate); without it, p is the sweep's failure rate.
    public struct Policy: Codable, Sendable, Equatable {
        public var action: RerunPolicy.Action
        public var reruns: Int
        public var delaySeconds: Double
        /// Signatures the reruns apply to; sorted.
        public var onlyRerun: [String]
        /// Signatures that must never be rerun; sorted.
        public var neverRerun: [String]
        /// The failure rate CI would still see with the policy applied, as a point estimate.
        public var residualFailureRate: Double
        /// Its 95% interval [lower, upper] from the Wilson bounds of p and q; the chooser held the upper end to the
        /// target. Nil when nothing failed or the action is `fix`.
        public var residualFailureRateCI95: [Double]?
        /// For `insufficient_evidence`: how many more runs (seeds) at the measured rates would settle the policy.
        public var moreRunsNeeded: Int?
        /// Expected extra seconds per run the reruns cost.
        public var expectedCostSeconds: Double
        /// The policy as a pytest-rerunfailures marker; nil unless the action is `rerun`.
        public var pytestMarker: String?
        /// The residual failure rate the policy had to reach.
        public var target: Double
        /// Why this policy, in one line, e.g. "p = 6.8%, q(30 s) = 4%: 2 reruns 30 s apart leave 0.011% ≤ 0.1%".
        public var reason: String

        public init(_ policy: RerunPolicy, target: Double, reason: String) {
            action = policy.action
            reruns = policy.reruns
            delaySeconds = policy.delaySeconds
            onlyRerun = policy.onlyRerun.sorted()
            neverRerun = policy.neverRerun.sorted()
            residualFailureRate = policy.residualFailureRate
            residualFailureRateCI95 = policy.residualCI95.map { [$0.lower, $0.upper] }
            moreRunsNeeded = policy.moreRunsNeeded
            expectedCostSeconds = policy.expectedCostSeconds
            self.target = target
            self.reason = reason
            pytestMarker = nil
            pytestMarker = rerunPolicy.pytestMarker  // from the sorted lists, so it reads the same every time
        }

        /// The policy as the chooser's type, e.g. to print its marker again.
        public var rerunPolicy: RerunPolicy {
            RerunPolicy(
                action: action, reruns: reruns, delaySeconds: delaySeconds, residualFailureRate: residualFailureRate,
                residualCI95: residualFailureRateCI95.map { WilsonInterval(lower: $0[0], upper: $0[1]) },
                moreRunsNeeded: moreRunsNeeded, expectedCostSeconds: expectedCostSeconds, onlyRerun: onlyRerun,
                neverRerun: neverRerun
            )
        }

        /// Derives the policy for a variant from its signatures (in report order), its failed and finished runs and
        /// the rerun evidence the runner measured (nil when none was measured). The rules are in the type's
        /// documentation.
        public static func derive(
            signatures: [SignatureSummary], failed: Int, runs: Int, evidence: RerunEvidence?, settings: RerunSettings
        ) -> Policy {
            let failureRate = runs == 0 ? 0 : Double(failed) / Double(runs)
            let target = settings.target
            if signatures.isEmpty {
                let none = RerunPolicy(action: .none, residualFailureRate: 0)
                return Policy(none, target: target, reason: "nothing failed")
            }
            let blocking = signatures.filter { !$0.kind.mayBeRerun }
            if !blocking.isEmpty {
                let policy = RerunPolicy(
                    action: .fix, residualFailureRate: failureRate, neverRerun: blocking.map(\.id)
                )
                return Policy(policy, target: target, reason: fixReason(blocking))
            }
            let chooser = RerunPolicyChooser(target: target, rerunsMax: settings.rerunsMax)
            let measured = evidence ?? assumingEveryRerunFails(failures: failed, runs: runs, settings: settings)
            let policy = chooser.choose(measured, onlyRerun: signatures.map(\.id))
            let reason = PolicyReason(evidence: measured, measured: evidence != nil, settings: settings, unit: "seeds")
                .text(policy)
            return Policy(policy, target: target, reason: reason)
        }

        /// Evidence for a sweep whose reruns were never measured: q = 1 at every delay, so no rerun ever helps. The run
        /// time is unknown too, so costs count only the delays (an underestimate, which is never used to choose).
        static func assumingEveryRerunFails(failures: Int, runs: Int, settings: RerunSettings) -> RerunEvidence {
            RerunEvidence(
                failures: failures, runs: runs,
                rerunFailureRates: settings.delaysSeconds.map { .init(delaySeconds: $0, failures: 0, trials: 0) },
                runSeconds: 0
            )
        }

        private static func fixReason(_ blocking: [SignatureSummary]) -> String {
            var kinds: [FailureKind] = []
            for signature in blocking where !kinds.contains(signature.kind) { kinds.append(signature.kind) }
            let kindList = kinds.map(\.rawValue).joined(separator: ", ")
            let first = blocking[0]
            let others = blocking.count > 1 ? " and \(blocking.count - 1) more" : ""
            let consequence = kinds.contains(.violation)
                ? "; a determinism violation means the test itself cannot be trusted" : ""
            return "\(kindList) failures are never rerun, since a rerun would hide them; fix the cause: "
                + "\(first.summary) (\(first.id))\(others)" + consequence
        }

        enum CodingKeys: String, CodingKey {
            case action, reruns, target, reason
            case delaySeconds = "delay_seconds"
            case onlyRerun = "only_rerun"
            case neverRerun = "never_rerun"
            case residualFailureRate = "residual_failure_rate"
            case residualFailureRateCI95 = "residual_failure_rate_ci95"
            case moreRunsNeeded = "more_runs_needed"
            case expectedCostSeconds = "expected_cost_seconds"
            case pytestMarker = "pytest_marker"
        }

        /// Writes `pytest_marker`, the residual interval and `more_runs_needed` as explicit nulls, so the schema has
        /// the same keys whatever the action.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(action, forKey: .action)
            try container.encode(reruns, forKey: .reruns)
            try container.encode(delaySeconds, forKey: .delaySeconds)
            try container.encode(onlyRerun, forKey: .onlyRerun)
            try container.encode(neverRerun, forKey: .neverRerun)
            try container.encode(residualFailureRate, forKey: .residualFailureRate)
            try container.encode(residualFailureRateCI95, forKey: .residualFailureRateCI95)
            try container.encode(moreRunsNeeded, forKey: .moreRunsNeeded)
            try container.encode(expectedCostSeconds, forKey: .expectedCostSeconds)
            try container.encode(pytestMarker, forKey: .pytestMarker)
            try container.encode(target, forKey: .target)
            try container.encode(reason, forKey: .reason)
        }
    }
}
