/// The one-word judgement of a variant over a sweep. The rules, applied in this order:
///
/// 1. `broken` if any signature is a `violation`: determinism broke, so the test itself cannot be trusted and no
///    other conclusion drawn from its runs holds either.
/// 2. `damaging` if any signature is `damaging`: an invariant of the system broke. This outranks "every run failed"
///    because it names the more specific and more urgent problem.
/// 3. `broken` if every run failed, or nothing ran at all: there is no passing run to compare against, so the test is
///    not measuring flakiness but a failure (or nothing).
/// 4. `stable` if nothing failed.
/// 5. `flaky` otherwise: some runs failed and some passed.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case stable, flaky, damaging, broken

    /// The verdict for `runs` finished seeds of which `failed` failed, with the given failure signatures.
    public static func judge(runs: Int, failed: Int, signatures: [SignatureSummary]) -> Verdict {
        let kinds = Set(signatures.map(\.kind))
        if kinds.contains(.violation) { return .broken }
        if kinds.contains(.damaging) { return .damaging }
        if runs == 0 || failed == runs { return .broken }
        if failed == 0 { return .stable }
        return .flaky
    }
}
