import ChaosNet
import Triage

extension ScenarioRunner {
    /// Sweeps `seeds` of `variant` in this process, one seed after another, and measures rerun evidence when every
    /// failure is transient: the sweep `chaos-run run` makes on worker processes, for use from Swift tests.
    ///
    /// ```swift
    /// let runner = try ScenarioRunner(scenario: ScenarioLoader.load(path: "scenarios/ipfs-download-timeout.yaml"))
    /// let report = ScenarioReport(runner.sweep(variant: .robust, seeds: 1..<101))
    /// #expect(report.verdict != .damaging)
    /// ```
    ///
    /// - Parameter file: the path the scenario came from, for the replay commands of the report.
    public func sweep(variant: ComponentVariant, seeds: Range<UInt64>, file: String = "<in code>") -> VariantSweep {
        var records: [SeedRecord] = []
        var workloadSeconds: [Double] = []
        for seed in seeds {
            let run = run(seed: seed, variant: variant)
            records.append(run.record)
            workloadSeconds.append(run.workloadSeconds)
        }
        let delays = scenario.rerun.delays
        let results = RerunTrials.trials(for: records, delays: delays).map { trial in
            (trial, run(seed: trial.seed, variant: variant, rerunAfter: trial.delay).rerunPassed == true)
        }
        let expectation = scenario.expectation(for: variant)
        return VariantSweep(
            scenario: scenario.name, description: scenario.description, variant: variant.rawValue, file: file,
            requestedSeeds: seeds.count, firstSeed: seeds.lowerBound, records: records,
            rerunEvidence: RerunTrials.evidence(
                records: records, delays: delays, results: results, workloadSeconds: workloadSeconds),
            rerunSettings: scenario.rerun.settings, maxFailureRate: expectation?.maxFailureRate,
            minFailureRate: expectation?.minFailureRate, maxDamagingRate: expectation?.maxDamagingRate)
    }
}

extension RerunSpec {
    /// The settings reports use.
    public var settings: RerunSettings {
        RerunSettings(
            delaysSeconds: delays.map(\.secondsDouble), target: target, rerunsMax: rerunsMax,
            blindReruns: blindReruns, blindDelaySeconds: blindDelay.secondsDouble)
    }
}
