/// Runs sweep jobs one after another in this process, with the plan's runners: what a Swift test uses. A seed that
/// traps takes the process with it (chaos-run's worker pool isolates seeds instead).
public struct InProcessSweepExecutor: SweepExecutor {
    /// Runners by scenario file, as the jobs name them.
    let runners: [String: ScenarioRunner]

    public init(runners: [String: ScenarioRunner]) {
        self.runners = runners
    }

    public func execute(_ jobs: [SweepJob], events: SweepEvents) throws -> [SweepJobOutcome?] {
        var outcomes: [SweepJobOutcome?] = Array(repeating: nil, count: jobs.count)
        for (index, job) in jobs.enumerated() {
            guard !events.isInterrupted() else { break }
            events.started(index)
            let outcome: SweepJobOutcome
            if let runner = runners[job.file] {
                let run = runner.run(
                    seed: job.seed, variant: job.variant,
                    rerunAfter: job.rerunAfterNanoseconds.map { .nanoseconds($0) }, reruns: job.rerunCount,
                    traceCapacity: job.traceCapacity)
                outcome = .finished(SweepJobResult(run, job: job))
            } else {
                outcome = .finished(.failed("no runner for scenario file '\(job.file)'"))
            }
            outcomes[index] = outcome
            events.finished(index, outcome)
        }
        return outcomes
    }
}
