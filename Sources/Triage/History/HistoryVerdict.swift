/// The judgement of one test over a CI history. The rules, applied in this order (`TestStatistics.judge`):
///
/// 1. `insufficient evidence` if it never ran (every attempt skipped or of unknown outcome).
/// 2. `flaky` if it passed and failed on the same code: within one run (a pass on retry, or in two files of the run),
///    or on one commit across runs. When no run names its commit, pass and fail across runs count too, as every
///    fliprate tool counts them: the report says the commit was unknown.
/// 3. `broken` if it never passed in at least `EvidenceRules.brokenRunsMin` runs; fewer is `insufficient evidence`.
/// 4. `stable` if it never failed in at least `EvidenceRules.stableRunsMin` runs; fewer is `insufficient evidence`.
/// 5. `insufficient evidence` otherwise: it passed on some commits and failed on others, never both on one, which
///    a change of code explains as well as flakiness does.
public enum HistoryVerdict: String, Sendable, Codable, CaseIterable, Comparable {
    case flaky, broken
    case insufficientEvidence = "insufficient_evidence"
    case stable

    /// As people read it: "insufficient evidence" with a space.
    public var label: String { rawValue.replacingAll("_", with: " ") }

    /// Report order: what needs attention first.
    public static func < (lhs: HistoryVerdict, rhs: HistoryVerdict) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
