import Triage

/// Builders for hand-made sweeps, so each test states only the numbers it is about.
enum Fixtures {
    /// The replay instruction these tests expect: chaos-run's command, unquoted (its quoting is tested with the
    /// formatter itself, in ScenarioTests).
    static let replay = ReplayFormatter { file, seed, variant in
        "chaos-run replay \(file) --seed \(seed) --variant \(variant)"
    }

    static let partialDirectory = SeedFailure(
        kind: .damaging, signature: "damaging:service.partial_directory",
        summary: "a partial directory left behind", detail: "/srv/pkgs/a.tmp"
    )
    static let registry503 = SeedFailure(
        kind: .transient, signature: "transient:registry.503", summary: "registry answered 503 after retries",
        detail: "GET /index 503"
    )
    static let readTimeout = SeedFailure(
        kind: .transient, signature: "transient:http.read_timeout", summary: "HTTP read timed out", detail: "after 30 s"
    )
    static let violation = SeedFailure(
        kind: .violation, signature: "violation:foreign_thread_enqueue", summary: "a job was enqueued from a thread"
    )

    /// `count` records from seed 1 on; `failures` maps a seed to its failure. Virtual time varies per seed so that
    /// summing in a different order could change the last bits.
    static func records(count: Int, failures: [UInt64: SeedFailure] = [:]) -> [SeedRecord] {
        (1...UInt64(count)).map { seed in
            SeedRecord(
                seed: seed, failure: failures[seed], virtualSeconds: 0.1 * Double(seed) + 1.0 / Double(seed),
                digest: String(seed * 2_654_435_761 % 0xFFFF_FFFF, radix: 16)
            )
        }
    }

    /// p = 68 of 1000; reruns right away mostly fail, reruns 30 s later mostly pass (each delay rerun once per
    /// failure); a run takes 10 s.
    static let evidence = RerunEvidence(
        failures: 68, runs: 1000,
        rerunFailureRates: [
            .init(delaySeconds: 120, failures: 1, trials: 68),
            .init(delaySeconds: 0, failures: 61, trials: 68),
            .init(delaySeconds: 30, failures: 3, trials: 68),
            .init(delaySeconds: 5, failures: 34, trials: 68),
        ],
        runSeconds: 10
    )

    /// 1000 seeds, 50 failing with a 503 and 18 with a read timeout (6.8%).
    static func flakySweep(records: [SeedRecord]? = nil, wallSeconds: Double = 12.5) -> VariantSweep {
        var failures: [UInt64: SeedFailure] = [:]
        for seed in stride(from: UInt64(7), through: 1000, by: 20) { failures[seed] = registry503 }
        for seed in stride(from: UInt64(11), through: 360, by: 20) { failures[seed] = readTimeout }
        return VariantSweep(
            scenario: "registry-outage", description: "the registry goes down for minutes at a time",
            variant: "default", file: "scenarios/registry outage.yaml", requestedSeeds: 1000, firstSeed: 1,
            records: records ?? Self.records(count: 1000, failures: failures), rerunEvidence: evidence,
            maxFailureRate: 0.1, wallSeconds: wallSeconds, replay: Fixtures.replay
        )
    }

    /// The flaky sweep with its policy checked on 1000 held-out seeds, 3 of which the reruns did not save.
    static func validatedFlakySweep() -> VariantSweep {
        var sweep = flakySweep()
        let policy = ScenarioReport(sweep).policy.rerunPolicy
        let saved = PolicyValidation.SeedOutcome(failure: .transient, reruns: [false, true])
        let lost = PolicyValidation.SeedOutcome(failure: .transient, reruns: [false, false])
        let passed = PolicyValidation.SeedOutcome(failure: nil, reruns: [])
        let outcomes = Array(repeating: saved, count: 40) + Array(repeating: lost, count: 3)
            + Array(repeating: passed, count: 957)
        sweep.policyValidation = PolicyValidation(policy: policy, firstSeed: 1001, outcomes: outcomes)
        return sweep
    }

    /// 100 seeds, 3 leaving a partial directory and 5 failing with a 503.
    static func damagingSweep() -> VariantSweep {
        let failures: [UInt64: SeedFailure] = [
            4: partialDirectory, 40: partialDirectory, 77: partialDirectory,
            2: registry503, 9: registry503, 13: registry503, 50: registry503, 99: registry503,
        ]
        return VariantSweep(
            scenario: "disk-full", description: "ENOSPC during unpack", variant: "enospc", file: "scenarios/disk.yaml",
            requestedSeeds: 100, firstSeed: 1, records: records(count: 100, failures: failures), wallSeconds: 3,
            replay: Fixtures.replay
        )
    }

    static func stableSweep() -> VariantSweep {
        VariantSweep(
            scenario: "happy-path", variant: "default", file: "scenarios/happy.yaml", requestedSeeds: 50,
            firstSeed: 1, records: records(count: 50), maxFailureRate: 0, wallSeconds: 1, replay: Fixtures.replay
        )
    }
}
