import Scenarios
import Testing
import Triage

// Expectations over a whole in-process sweep (`ScenarioRunner.sweep`), one issue per offending signature, each with
// its count, its seeds and the instruction that replays the first one.
//
// ```swift
// @Test func robustUploadsNeverDamage() throws {
//     let runner = try ScenarioRunner(path: "scenarios/uploads.yaml", drivers: drivers)
//     let sweep = runner.sweep(variant: .robust, seeds: 1..<201)
//     expectNoDamage(sweep)
//     expectScenarioExpectation(sweep)
// }
// ```

/// Records one issue per signature of `sweep` that a rerun must never hide (damaging, hang, timeout, crash,
/// violation).
public func expectNoDamage(_ sweep: VariantSweep, sourceLocation: SourceLocation = #_sourceLocation) {
    let report = ScenarioReport(sweep)
    for signature in report.signatures where !signature.kind.mayBeRerun {
        Issue.record(Comment(rawValue: describe(signature, in: report)), sourceLocation: sourceLocation)
    }
}

/// Records one issue per failure signature of `sweep`, transient ones included.
public func expectAllSeedsPassed(_ sweep: VariantSweep, sourceLocation: SourceLocation = #_sourceLocation) {
    let report = ScenarioReport(sweep)
    for signature in report.signatures {
        Issue.record(Comment(rawValue: describe(signature, in: report)), sourceLocation: sourceLocation)
    }
}

/// Records an issue unless the scenario file's expectation for the sweep's variant holds (its failure-rate bounds);
/// a variant without an expectation passes.
public func expectScenarioExpectation(_ sweep: VariantSweep, sourceLocation: SourceLocation = #_sourceLocation) {
    let report = ScenarioReport(sweep)
    guard let expectation = report.expectation, !expectation.met else { return }
    let damaging = report.signatures.filter { $0.kind == .damaging }.reduce(0) { $0 + $1.count }
    let text = "\(report.name) (\(report.variant)): expected \(expectation.bounds), measured "
        + "\(report.failed)/\(report.runs) failed (\(ReportFormat.percent(report.failureRate))), \(damaging) damaging"
        + report.signatures.prefix(3).map { "\n" + describe($0, in: report) }.joined()
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
}

/// `3× [damaging] <signature> in uploads (naive): <summary>; seeds 4, 9, 17; replay: <instruction>`.
func describe(_ signature: SignatureSummary, in report: ScenarioReport) -> String {
    let seeds = signature.seeds.prefix(10).map(String.init).joined(separator: ", ")
        + (signature.seeds.count > 10 ? ", …" : "")
    return "\(signature.count)× [\(signature.kind.rawValue)] \(signature.id) in \(report.name) (\(report.variant)): "
        + "\(signature.summary); seeds \(seeds)\n  replay: \(signature.replay)"
}
