extension ScenarioReport {
    /// What the usual guess (by default `@pytest.mark.flaky(reruns=2, reruns_delay=5)`, rerunning every failure)
    /// would achieve on the same evidence: the comparison that shows what the measured policy buys, and whether the
    /// guess would hide damage by rerunning failures that must never be rerun.
    public struct BlindPolicy: Codable, Sendable, Equatable {
        public var reruns: Int
        public var delaySeconds: Double
        /// p · q(d)^k with q taken from the nearest measured delay not longer than the blind delay.
        public var residualFailureRate: Double
        public var expectedCostSeconds: Double
        /// True when any non-transient signature exists: a blind rerun applies to every failure, so a passing rerun
        /// would hide a damaging, hang, timeout, crash or violation failure.
        public var hidesDamage: Bool
        /// The blind policy as a marker, for the comparison line in reports.
        public var pytestMarker: String

        public init(
            reruns: Int, delaySeconds: Double, residualFailureRate: Double, expectedCostSeconds: Double,
            hidesDamage: Bool
        ) {
            self.reruns = reruns
            self.delaySeconds = delaySeconds
            self.residualFailureRate = residualFailureRate
            self.expectedCostSeconds = expectedCostSeconds
            self.hidesDamage = hidesDamage
            // The same marker syntax as a derived policy's, without `only_rerun`: a blind policy reruns everything.
            pytestMarker = RerunPolicy(
                action: .rerun, reruns: reruns, delaySeconds: delaySeconds, residualFailureRate: residualFailureRate
            ).pytestMarker ?? ""
        }

        /// Evaluates the blind policy of `settings`. Without measured evidence every rerun is assumed to fail
        /// (q = 1), the same assumption the derived policy makes, so the blind residual is the failure rate itself.
        public static func evaluate(
            signatures: [SignatureSummary], failed: Int, runs: Int, evidence: RerunEvidence?, settings: RerunSettings
        ) -> BlindPolicy {
            let reruns = settings.blindReruns
            let delay = settings.blindDelaySeconds
            guard !signatures.isEmpty else {
                return BlindPolicy(
                    reruns: reruns, delaySeconds: delay, residualFailureRate: 0, expectedCostSeconds: 0,
                    hidesDamage: false
                )
            }
            let measured = evidence ?? Policy.assumingEveryRerunFails(failures: failed, runs: runs, settings: settings)
            let (residual, cost) = RerunPolicyChooser()
                .evaluate(reruns: reruns, delaySeconds: delay, evidence: measured)
            return BlindPolicy(
                reruns: reruns, delaySeconds: delay, residualFailureRate: residual, expectedCostSeconds: cost,
                hidesDamage: signatures.contains { !$0.kind.mayBeRerun }
            )
        }

        enum CodingKeys: String, CodingKey {
            case reruns
            case delaySeconds = "delay_seconds"
            case residualFailureRate = "residual_failure_rate"
            case expectedCostSeconds = "expected_cost_seconds"
            case hidesDamage = "hides_damage"
            case pytestMarker = "pytest_marker"
        }
    }
}
