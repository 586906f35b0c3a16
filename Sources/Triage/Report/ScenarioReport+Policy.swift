extension ScenarioReport {
    /// What CI should do about a variant's failures, with the numbers and a one-line reason a person can check.
    ///
    /// Derivation rules (see `derive`):
    /// - nothing failed: `none`;
    /// - any damaging, hang, timeout, crash or violation signature: `fix`, listing those in `never_rerun`, because a
    ///   passing rerun would hide a real defect; nothing is rerun (`only_rerun` is empty);
    /// - only transient signatures: the cheapest rerun policy `RerunPolicyChooser` finds for the measured evidence,
    ///   restricted to those signatures (`only_rerun`), or `quarantine` when none reaches the target. Without measured
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
        /// The failure rate CI would still see with the policy applied.
        public var residualFailureRate: Double
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
                expectedCostSeconds: expectedCostSeconds, onlyRerun: onlyRerun, neverRerun: neverRerun
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
            let policy = chooser.choose(measured, onlyRerun: signatures.map(\.id))
            let reason = rerunReason(policy, evidence: measured, measured: evidence != nil, settings: settings)
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

        enum CodingKeys: String, CodingKey {
            case action, reruns, target, reason
            case delaySeconds = "delay_seconds"
            case onlyRerun = "only_rerun"
            case neverRerun = "never_rerun"
            case residualFailureRate = "residual_failure_rate"
            case expectedCostSeconds = "expected_cost_seconds"
            case pytestMarker = "pytest_marker"
        }

        /// Writes `pytest_marker` as an explicit null, so the schema has the same keys whatever the action.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(action, forKey: .action)
            try container.encode(reruns, forKey: .reruns)
            try container.encode(delaySeconds, forKey: .delaySeconds)
            try container.encode(onlyRerun, forKey: .onlyRerun)
            try container.encode(neverRerun, forKey: .neverRerun)
            try container.encode(residualFailureRate, forKey: .residualFailureRate)
            try container.encode(expectedCostSeconds, forKey: .expectedCostSeconds)
            try container.encode(pytestMarker, forKey: .pytestMarker)
            try container.encode(target, forKey: .target)
            try container.encode(reason, forKey: .reason)
        }
    }
}
