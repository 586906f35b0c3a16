import Testing
import Triage

@Suite("Verdict")
struct VerdictTests {
    private func summary(_ kind: FailureKind, count: Int = 1) -> SignatureSummary {
        SignatureSummary(id: "\(kind):x", summary: "x", kind: kind, count: count, seeds: [1], replay: "")
    }

    @Test("no failures is stable")
    func stable() {
        #expect(Verdict.judge(runs: 10, failed: 0, signatures: []) == .stable)
        #expect(ScenarioReport(Fixtures.stableSweep()).verdict == .stable)
    }

    @Test("some failures, some passes is flaky, whatever the non-damaging kind")
    func flaky() {
        #expect(Verdict.judge(runs: 10, failed: 3, signatures: [summary(.transient, count: 3)]) == .flaky)
        #expect(Verdict.judge(runs: 10, failed: 1, signatures: [summary(.hang)]) == .flaky)
        #expect(ScenarioReport(Fixtures.flakySweep()).verdict == .flaky)
    }

    @Test("any damaging signature is damaging, even among transient ones and even when every run failed")
    func damaging() {
        #expect(ScenarioReport(Fixtures.damagingSweep()).verdict == .damaging)
        let all = [summary(.damaging, count: 4), summary(.transient, count: 6)]
        #expect(Verdict.judge(runs: 10, failed: 10, signatures: all) == .damaging)
    }

    @Test("every run failing, a violation, or nothing run at all is broken")
    func broken() {
        #expect(Verdict.judge(runs: 5, failed: 5, signatures: [summary(.transient, count: 5)]) == .broken)
        #expect(Verdict.judge(runs: 100, failed: 1, signatures: [summary(.violation)]) == .broken)
        #expect(Verdict.judge(runs: 100, failed: 2, signatures: [summary(.damaging), summary(.violation)]) == .broken)
        #expect(Verdict.judge(runs: 0, failed: 0, signatures: []) == .broken)
        let sweep = VariantSweep(
            scenario: "s", variant: "v", file: "f.yaml", requestedSeeds: 3,
            records: Fixtures.records(count: 3, failures: [2: Fixtures.violation]), replay: Fixtures.replay
        )
        #expect(ScenarioReport(sweep).verdict == .broken)
    }
}
