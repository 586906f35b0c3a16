extension ScenarioReport {
    /// What CI should do about a variant's failures, with the numbers and a one-line reason a person can check.
    ///
    /// Derivation rules (see `derive`):
    /// - nothing failed: `none`;
    /// - any damaging, hang, timeout, crash or violation signature: `fix`, listing those in `never_rerun`, because a
    ///   passing rerun would hide a real defect; nothing is rerun (`only_rerun` is empty);
    /// - only transient signatures: the cheapest rerun policy `RerunPolicyChooser` finds for the measured evidence,
    ///   for those signatures (`rerun_signatures`), `insufficient_evidence` when the estimates would reach the
    ///   target but their 95% upper bounds do not, or `quarantine` when none reaches the target. `only_rerun` holds
    ///   the real error patterns the scenario names for them (`rerun.real_errors`), and is empty, with the reason
    ///   saying so, when some signature has none: a signature id never matches a real failure's text. Without measured
    ///   evidence every rerun is assumed to fail (q = 1 at every delay), which means `quarantine` unless the failure
    ///   rate is already under the target: a policy nobody measured is a guess, and guesses are what this replaces.
    ///
    /// With measured evidence, p is the evidence's failure rate (the runner measures it together with q(d), normally
    /// the sweep's transient failure rate); without it, p is the sweep's failure rate.
    public struct Policy: Codable, Sendable, Equatable {
        public var action: RerunPolicy.Action
        public var reruns: Int
        public var delaySeconds: Double
        /// pytest-rerunfailures' `only_rerun` regexes, matched against a real failure's `Type: message`; sorted;
        /// empty when the reruns are not restricted.
        public var onlyRerun: [String]
        /// Signatures the reruns are for; sorted.
        public var rerunSignatures: [String]
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
        /// The policy as a pytest-rerunfailures marker, as pytest.ini options and as a nextest profile; nil unless
        /// the action is `rerun` (the ini also when a pattern cannot be written in an ini file).
        public var pytestMarker: String?
        public var pytestIni: String?
        public var nextestProfile: String?
        /// The residual failure rate the policy had to reach.
        public var target: Double
        /// Why this policy, in one line, e.g. "p = 6.8%, q(30 s) = 4%: 2 reruns 30 s apart leave 0.011% ≤ 0.1%".
        public var reason: String

        public init(_ policy: RerunPolicy, target: Double, reason: String) {
            action = policy.action
            reruns = policy.reruns
            delaySeconds = policy.delaySeconds
            onlyRerun = policy.onlyRerun.sorted()
            rerunSignatures = policy.rerunSignatures.sorted()
            neverRerun = policy.neverRerun.sorted()
            residualFailureRate = policy.residualFailureRate
            residualFailureRateCI95 = policy.residualCI95.map { [$0.lower, $0.upper] }
            moreRunsNeeded = policy.moreRunsNeeded
            expectedCostSeconds = policy.expectedCostSeconds
            self.target = target
            self.reason = reason
            pytestMarker = nil
            pytestIni = nil
            nextestProfile = nil
            let sorted = rerunPolicy  // from the sorted lists, so the exports read the same every time
            pytestMarker = sorted.pytestMarker
            pytestIni = sorted.pytestIni
            nextestProfile = sorted.nextestProfile
        }

        /// The policy as the chooser's type, e.g. to print its marker again.
        public var rerunPolicy: RerunPolicy {
            RerunPolicy(
                action: action, reruns: reruns, delaySeconds: delaySeconds, residualFailureRate: residualFailureRate,
                residualCI95: residualFailureRateCI95.map { WilsonInterval(lower: $0[0], upper: $0[1]) },
                moreRunsNeeded: moreRunsNeeded, expectedCostSeconds: expectedCostSeconds, onlyRerun: onlyRerun,
                rerunSignatures: rerunSignatures, neverRerun: neverRerun
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
            let ids = signatures.map(\.id)
            let real = RealErrorPattern.resolve(ids, in: settings.realErrors)
            var policy = chooser.choose(measured, onlyRerun: real.unmapped.isEmpty ? real.patterns : [])
            policy.rerunSignatures = ids
            var reason = PolicyReason(evidence: measured, measured: evidence != nil, settings: settings, unit: "seeds")
                .text(policy)
            if policy.action == .rerun, !real.unmapped.isEmpty { reason += unrestrictedNote(real.unmapped) }
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

        /// Why the exports rerun every failure: a signature id is no regex a real failure's text would match.
        private static func unrestrictedNote(_ unmapped: [String]) -> String {
            let others = unmapped.count > 1 ? " and \(unmapped.count - 1) more" : ""
            return "; only_rerun is left out, so the reruns apply to every failure, because rerun.real_errors in the "
                + "scenario names no real error pattern for \(unmapped[0])\(others)"
        }
    }
}
