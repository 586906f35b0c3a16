import Testing
import Triage

@Suite("Signature summaries")
struct SignatureSummaryTests {
    @Test("groups by signature, most severe kind first, then count, then id; seeds sorted, all of them")
    func groupingAndOrder() {
        let crash = SeedFailure(kind: .crash, signature: "crash:worker.trap", summary: "worker trapped")
        let hangA = SeedFailure(kind: .hang, signature: "hang:b", summary: "quiescent")
        let hangB = SeedFailure(kind: .hang, signature: "hang:a", summary: "quiescent")
        let failures: [UInt64: SeedFailure] = [
            30: Fixtures.registry503, 3: Fixtures.registry503, 12: Fixtures.registry503,
            8: Fixtures.partialDirectory, 20: crash, 5: hangA, 6: hangB, 25: Fixtures.violation,
            26: Fixtures.readTimeout, 27: SeedFailure(kind: .timeout, signature: "timeout:limit", summary: "limit"),
        ]
        let records = Fixtures.records(count: 30, failures: failures).reversed()
        let groups = SignatureSummary.group(
            Array(records), file: "s.yaml", variant: "v", replay: Fixtures.replay)
        #expect(groups.map(\.id) == [
            "crash:worker.trap", "violation:foreign_thread_enqueue", "damaging:service.partial_directory",
            "hang:a", "hang:b", "timeout:limit", "transient:registry.503", "transient:http.read_timeout",
        ])
        let registry = groups.first { $0.id == "transient:registry.503" }
        #expect(registry?.count == 3)
        #expect(registry?.seeds == [3, 12, 30])
        #expect(registry?.summary == "registry answered 503 after retries")
        #expect(registry?.replay == "chaos-run replay s.yaml --seed 3 --variant v")
    }

    @Test("a signature seen with two kinds takes the more severe one, so it is never rerun")
    func mixedKinds() {
        let mild = SeedFailure(kind: .transient, signature: "sig", summary: "first")
        let severe = SeedFailure(kind: .damaging, signature: "sig", summary: "second")
        let groups = SignatureSummary.group(
            Fixtures.records(count: 4, failures: [1: mild, 4: severe]), file: "f", variant: "v",
            replay: Fixtures.replay
        )
        #expect(groups.count == 1)
        #expect(groups.first?.kind == .damaging)
        #expect(groups.first?.summary == "first")
    }

    @Test("the replay instruction is the caller's: Triage words it only through the sweep's formatter")
    func replayComesFromTheCaller() {
        let failure: [UInt64: SeedFailure] = [2: Fixtures.registry503]
        let swift = ReplayFormatter { file, seed, variant in
            "runner.run(seed: \(seed), variant: \"\(variant)\") // \(file)"
        }
        let groups = SignatureSummary.group(
            Fixtures.records(count: 3, failures: failure), file: "a.yaml", variant: "robust", replay: swift)
        #expect(groups.map(\.replay) == [#"runner.run(seed: 2, variant: "robust") // a.yaml"#])
    }

    @Test("kinds compare by severity")
    func severity() {
        #expect(FailureKind.allCases.sorted(by: >) == [.crash, .violation, .damaging, .hang, .timeout, .transient])
        #expect(FailureKind.transient < .damaging)
    }
}
