import ChaosNet
import Triage

extension ScenarioRunner {
    /// Sweeps `seeds` of `variant` in this process, one seed after another, and measures rerun evidence when every
    /// failure is transient: the same `SweepPlan` `chaos-run run` makes on worker processes, for use from Swift tests.
    ///
    /// ```swift
    /// let runner = try ScenarioRunner(scenario: ScenarioLoader.load(path: "scenarios/ipfs-download-timeout.yaml"))
    /// let report = ScenarioReport(runner.sweep(variant: .robust, seeds: 1..<101))
    /// #expect(report.verdict != .damaging)
    /// ```
    ///
    /// The report's replay instructions name the runner's `file` and are worded by its `replay` formatter.
    public func sweep(variant: VariantName, seeds: Range<UInt64>) -> VariantSweep {
        let plan = SweepPlan(
            targets: [SweepPlan.Target(runner: self, variants: [variant])], seedCount: seeds.count,
            firstSeed: seeds.lowerBound)
        // The in-process executor neither throws nor reports a job that could not run: its only runner is this one.
        guard let outcome = try? plan.run(on: plan.inProcessExecutor), let sweep = outcome.sweeps.first else {
            preconditionFailure("an in-process sweep of one runner cannot fail to run")
        }
        return sweep
    }
}

extension RerunSpec {
    /// The settings reports use.
    public var settings: RerunSettings {
        RerunSettings(
            delaysSeconds: delays.map(\.secondsDouble), target: target, rerunsMax: rerunsMax,
            blindReruns: blindReruns, blindDelaySeconds: blindDelay.secondsDouble, realErrors: realErrors)
    }
}
