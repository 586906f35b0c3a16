import ChaosNet
import Triage

/// Turns what a seed ended with into a failure kind and a signature that is the same across seeds for the same cause.
///
/// Signatures read `<kind>:<component>:<cause>[:<invariants>]`: the workload's cause (`500:read_timeout`), and for
/// damaging failures the broken invariants, sorted. Free text (hang wait points, violation reasons) has its numbers
/// replaced by `N`, so that seeds differing only in ids or times share a signature.
public enum FailureClassifier {
    /// What the workload reported, when the simulation completed.
    struct WorkloadReport: Sendable {
        var failure: WorkloadFailure?
        var violations: [InvariantViolation]
    }

    static func classify(
        component: String, outcome: Outcome, value: Result<WorkloadReport, any Error>?
    ) -> SeedFailure? {
        let prefix = component
        switch outcome {
        case .completed:
            switch value {
            case let .success(report)?:
                return classify(prefix: prefix, report)
            case let .failure(error)?:
                let cause = ErrorCause.name(of: error)
                return SeedFailure(
                    kind: .damaging, signature: "damaging:\(prefix):escaped:\(cause)",
                    summary: "an error escaped the workload: \(cause)", detail: "\(error)")
            case nil:
                return SeedFailure(
                    kind: .hang, signature: "hang:\(prefix):no-result", summary: "the workload ended without a result",
                    detail: outcome.summary)
            }
        case let .timeout(limit):
            return SeedFailure(
                kind: .timeout, signature: "timeout:\(prefix)",
                summary: "work still pending at the virtual-time limit of \(limit.formattedSeconds)",
                detail: outcome.summary)
        case .stepLimit:
            return SeedFailure(
                kind: .hang, signature: "hang:\(prefix):step-limit", summary: "the step limit ran out (a livelock)",
                detail: outcome.summary)
        case let .hang(report):
            let points = Set(report.waits.map { normalize($0.waitPoint) }).sorted()
            let cause = points.isEmpty ? "no-wait-point" : points.joined(separator: "+")
            return SeedFailure(
                kind: .hang, signature: "hang:\(prefix):\(cause)",
                summary: "nothing could run while tasks waited on \(cause)", detail: report.summary)
        case let .violation(report):
            let reason = normalize(report.reasons.first ?? "determinism contract broken")
            return SeedFailure(
                kind: .violation, signature: "violation:\(prefix):\(reason)",
                summary: "determinism violated: \(reason)", detail: report.reasons.joined(separator: "; "))
        case let .crash(report):
            let time = String(TraceEvent.formatTime(report.atNanoseconds).drop { $0 == " " })
            // Digits normalised: an escape's cause names its task, which may be numbered (`inbound stream 12`).
            return crash(
                component: prefix, cause: normalize(report.cause), summary: "the process died: " + report.summary,
                detail: "at \(time): \(report.detail)")
        }
    }

    private static func classify(prefix: String, _ report: WorkloadReport) -> SeedFailure? {
        if !report.violations.isEmpty {
            let invariants = Set(report.violations.map(\.invariant)).sorted().map(\.rawValue)
            let cause = report.failure?.cause ?? "passed"
            let messages = report.violations.prefix(3).map(\.message)
            let more = report.violations.count > 3 ? " (+\(report.violations.count - 3) more)" : ""
            let broken = "broke " + invariants.joined(separator: ", ")
            return SeedFailure(
                kind: .damaging, signature: "damaging:\(prefix):\(cause):\(invariants.joined(separator: "+"))",
                summary: report.failure.map { "\($0.summary); \(broken)" } ?? "the workload passed but \(broken)",
                detail: (messages.joined(separator: "; ") + more + (report.failure.map { "; \($0.detail)" } ?? "")))
        }
        guard let failure = report.failure else { return nil }
        return SeedFailure(
            kind: .transient, signature: "transient:\(prefix):\(failure.cause)", summary: failure.summary,
            detail: failure.detail)
    }

    /// The failure of a seed whose worker process died (a trap, a signal, a blown resource budget): the signature
    /// names the component and the executor's stable cause (`crash:downloader:the worker died of signal 4`).
    public static func crash(component: String, cause: String, summary: String, detail: String) -> SeedFailure {
        SeedFailure(kind: .crash, signature: "crash:\(component):\(cause)", summary: summary, detail: detail)
    }

    /// Digits runs become `N`: `'loop 3' waits on 'sleep 12s'` → `'loop N' waits on 'sleep Ns'`.
    static func normalize(_ text: String) -> String {
        var result = ""
        var inNumber = false
        for character in text {
            if character.isASCII && character.isNumber {
                if !inNumber { result.append("N") }
                inNumber = true
            } else {
                inNumber = false
                result.append(character)
            }
        }
        return result
    }
}
