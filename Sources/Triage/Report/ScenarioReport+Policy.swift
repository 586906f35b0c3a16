extension ScenarioReport {
    /// What CI should do about a variant's failures, with the numbers and a one-line reason a person can check.
    ///
    /// Derivation rules (see `derive`):
    /// - nothing failed: `none`;
    /// - any damaging, hang, timeout, crash or violation signature: `fix`, listing those in `never_rerun`, because a
    ///   passing rerun would hide a real defect; nothing is rerun (`only_rerun` is empty);
    /// - only transient signatures: the cheapest rerun policy `RerunPolicyChooser` finds for the measured evidence,
    ///   for those signatures (`rerun_signatures`), or `quarantine` when none reaches the target. `only_rerun` holds
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
        /// The failure rate CI would still see with the policy applied.
        public var residualFailureRate: Double
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
                expectedCostSeconds: expectedCostSeconds, onlyRerun: onlyRerun, rerunSignatures: rerunSignatures,
                neverRerun: neverRerun
            )
        }

        /// Derives the policy for a variant from its signatures (in report order), its failure rate and the rerun
        /// evidence the runner measured (nil when none was measured). The rules are in the type's documentation.
        public static func derive(
            signatures: [SignatureSummary], failureRate: Double, evidence: RerunEvidence?, settings: RerunSettings
        ) -> Policy {
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
            let measured = evidence ?? assumingEveryRerunFails(failureRate: failureRate, settings: settings)
            let ids = signatures.map(\.id)
            let real = RealErrorPattern.resolve(ids, in: settings.realErrors)
            var policy = chooser.choose(measured, onlyRerun: real.unmapped.isEmpty ? real.patterns : [])
            policy.rerunSignatures = ids
            var reason = rerunReason(policy, evidence: measured, measured: evidence != nil, settings: settings)
            if policy.action == .rerun, !real.unmapped.isEmpty { reason += unrestrictedNote(real.unmapped) }
            return Policy(policy, target: target, reason: reason)
        }

        /// Evidence for a sweep whose reruns were never measured: q = 1 at every delay, so no rerun ever helps. The run
        /// time is unknown too, so costs count only the delays (an underestimate, which is never used to choose).
        static func assumingEveryRerunFails(failureRate: Double, settings: RerunSettings) -> RerunEvidence {
            RerunEvidence(
                failureRate: failureRate,
                rerunFailureRates: settings.delaysSeconds.map { .init(delaySeconds: $0, failureRate: 1, trials: 0) },
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

        private static func rerunReason(
            _ policy: RerunPolicy, evidence: RerunEvidence, measured: Bool, settings: RerunSettings
        ) -> String {
            let p = ReportFormat.percent(evidence.failureRate)
            let target = ReportFormat.percent(settings.target)
            switch policy.action {
            case .none:
                return "p = \(p) ≤ the target \(target): no reruns needed"
            case .rerun:
                let candidate = evidence.rerunFailureRates.first { $0.delaySeconds == policy.delaySeconds }
                let q = candidate?.failureRate ?? 1
                let delay = ReportFormat.seconds(policy.delaySeconds)
                let sample = candidate.map {
                    " (\(Int(($0.failureRate * Double($0.trials)).rounded())) of \($0.trials) reruns failed)"
                } ?? ""
                let spacing = policy.reruns == 1
                    ? "1 rerun \(delay) after a failure" : "\(policy.reruns) reruns \(delay) apart"
                return "p = \(p), q(\(delay)) = \(ReportFormat.percent(q))\(sample): \(spacing) leave "
                    + "\(ReportFormat.percent(policy.residualFailureRate)) ≤ \(target), costing "
                    + "\(ReportFormat.seconds(policy.expectedCostSeconds)) per run on average"
            case .quarantine, .fix:
                guard measured else {
                    return "p = \(p) and no rerun was measured, so every rerun is assumed to fail (q = 1): "
                        + "quarantine until reruns are measured or the cause is fixed"
                }
                let rerunsMax = settings.rerunsMax
                let best = evidence.rerunFailureRates.min {
                    ($0.failureRate, $0.delaySeconds) < ($1.failureRate, $1.delaySeconds)
                }
                guard let best else {
                    return "p = \(p) > \(target) and no rerun delay was measured: quarantine until the cause is fixed"
                }
                return "p = \(p), best q(\(ReportFormat.seconds(best.delaySeconds))) = "
                    + "\(ReportFormat.percent(best.failureRate)): even \(rerunsMax) reruns leave "
                    + "\(ReportFormat.percent(policy.residualFailureRate)) > \(target): "
                    + "quarantine until the cause is fixed"
            }
        }
    }
}
