import ChaosNet
import Triage

/// A sweep of scenario variants over seeds: the jobs it runs, in two phases, and the `VariantSweep` of each variant
/// it assembles from their results. The same plan serves `chaos-run run` (on worker processes) and Swift tests (in
/// process); only the executor differs.
///
/// Phase 1 runs every seed of every variant. Phase 2 reruns each transient failure inside its own world, once per
/// candidate delay (the seed replays exactly up to the failure, then waits the delay with the faults still on their
/// schedule), which measures q(d) (`RerunTrials`). Phase 3 applies each variant's chosen policy to held-out seeds
/// and compares the residual it leaves with the prediction (`PolicyValidation`). Results are indexed by job, never by
/// arrival, so the executor's parallelism cannot change a report.
public struct SweepPlan: Sendable {
    /// One scenario's runner and the variants the plan runs of it.
    public struct Target: Sendable {
        public var runner: ScenarioRunner
        public var variants: [VariantName]

        /// `variants` default to the runner's (the scenario's, or every variant its driver declares).
        public init(runner: ScenarioRunner, variants: [VariantName]? = nil) {
            self.runner = runner
            self.variants = variants ?? runner.variants
        }

        /// The path as the user gave it: workers load it, and replay instructions repeat it.
        public var file: String { runner.file }
        public var scenario: ScenarioFile { runner.scenario }
    }

    /// What a plan found.
    public struct Outcome: Sendable {
        /// One per target variant, in target then variant order.
        public var sweeps: [VariantSweep]
        /// The sweep stopped early: some variant's seeds did not all finish.
        public var interrupted: Bool
    }

    public var targets: [Target]
    /// Seeds per variant; nil means each scenario's own `seeds`.
    public var seedCount: Int?
    public var firstSeed: UInt64

    /// A plan of `targets`; reports word replays as each target's runner does (`ScenarioRunner.replay`).
    public init(targets: [Target], seedCount: Int? = nil, firstSeed: UInt64 = 1) {
        self.targets = targets
        self.seedCount = seedCount
        self.firstSeed = firstSeed
    }

    /// The executor that runs this plan's jobs in this process.
    public var inProcessExecutor: InProcessSweepExecutor {
        var runners: [String: ScenarioRunner] = [:]
        for target in targets { runners[target.file] = target.runner }
        return InProcessSweepExecutor(runners: runners)
    }

    /// Runs both phases on `executor` and assembles the sweeps. Throws what the executor throws (no worker could be
    /// started) and `SweepError` for a job that could not run at all.
    public func run(
        on executor: some SweepExecutor, progress: (any SweepProgress)? = nil,
        isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) throws -> Outcome {
        var keys: [Key] = []
        var firstJobs: [SweepJob] = []
        var jobKeys: [Key] = []
        for (index, target) in targets.enumerated() {
            let count = seedCount ?? target.scenario.seedCount
            for variant in target.variants {
                let key = Key(target: index, variant: variant)
                keys.append(key)
                for offset in 0..<UInt64(count) {
                    firstJobs.append(SweepJob(file: target.file, variant: variant, seed: firstSeed &+ offset))
                    jobKeys.append(key)
                }
            }
        }
        let first = try execute(firstJobs, on: executor, label: "seeds", progress: progress, isInterrupted) {
            $0.record.map { !$0.passed } ?? true
        }
        var records: [Key: [SeedRecord]] = [:]
        var workloadSeconds: [Key: [Double]] = [:]
        var wall: [Key: Double] = [:]
        for (index, outcome) in first.outcomes.enumerated() {
            guard let outcome else { continue }
            let key = jobKeys[index]
            let job = firstJobs[index]
            wall[key, default: 0] += first.wallSeconds[index]
            switch outcome {
            case let .finished(result):
                if let error = result.error { throw SweepError(file: job.file, seed: job.seed, message: error) }
                guard let record = result.record else { continue }
                records[key, default: []].append(record)
                workloadSeconds[key, default: []].append(result.workloadSeconds)
            case let .crashed(cause, summary, detail):
                let component = targets[key.target].runner.driver.name
                let failure = FailureClassifier.crash(
                    component: component, cause: cause, summary: summary, detail: detail)
                records[key, default: []].append(SeedRecord(seed: job.seed, failure: failure))
            }
        }
        var interrupted = isInterrupted()
        var evidence: [Key: RerunEvidence] = [:]
        if !interrupted {
            evidence = try measureReruns(
                keys: keys, records: records, workloadSeconds: workloadSeconds, executor: executor,
                progress: progress, isInterrupted: isInterrupted)
            interrupted = isInterrupted()
        }
        func sweep(_ key: Key, validation: PolicyValidation?) -> VariantSweep {
            let target = targets[key.target]
            let scenario = target.scenario
            let expectation = scenario.expectation(for: key.variant)
            let requested = seedCount ?? scenario.seedCount
            let finished = records[key] ?? []
            return VariantSweep(
                scenario: scenario.name, description: scenario.description, variant: key.variant.rawValue,
                file: target.file, requestedSeeds: requested, firstSeed: firstSeed, records: finished,
                rerunEvidence: evidence[key], rerunSettings: scenario.rerun.settings, policyValidation: validation,
                maxFailureRate: expectation?.maxFailureRate, minFailureRate: expectation?.minFailureRate,
                maxDamagingRate: expectation?.maxDamagingRate, wallSeconds: wall[key] ?? 0,
                replay: target.runner.replay, incomplete: finished.count < requested)
        }
        var validations: [Key: PolicyValidation] = [:]
        if !interrupted {
            let policies = keys.map { ScenarioReport(sweep($0, validation: nil)).policy.rerunPolicy }
            validations = try validatePolicies(
                keys: keys, policies: policies, executor: executor, progress: progress, isInterrupted: isInterrupted)
            interrupted = isInterrupted()
        }
        let sweeps = keys.map { sweep($0, validation: validations[$0]) }
        return Outcome(sweeps: sweeps, interrupted: interrupted)
    }

    private struct Key: Hashable {
        var target: Int
        var variant: VariantName
    }

    /// q(d) for every variant whose failures are all transient (see `RerunTrials`).
    private func measureReruns(
        keys: [Key], records: [Key: [SeedRecord]], workloadSeconds: [Key: [Double]], executor: some SweepExecutor,
        progress: (any SweepProgress)?, isInterrupted: @escaping @Sendable () -> Bool
    ) throws -> [Key: RerunEvidence] {
        var jobs: [SweepJob] = []
        var owners: [(key: Key, trial: RerunTrials.Trial)] = []
        for key in keys {
            let target = targets[key.target]
            for trial in RerunTrials.trials(for: records[key] ?? [], delays: target.scenario.rerun.delays) {
                jobs.append(SweepJob(
                    file: target.file, variant: key.variant, seed: trial.seed,
                    rerunAfterNanoseconds: trial.delay.nanosecondsClamped, reruns: target.scenario.rerun.rerunsMax))
                owners.append((key, trial))
            }
        }
        guard !jobs.isEmpty else { return [:] }
        let reruns = try execute(jobs, on: executor, label: "reruns", progress: progress, isInterrupted) {
            $0.rerunPassed != true
        }
        var outcomes: [Key: [(trial: RerunTrials.Trial, reruns: [Bool])]] = [:]
        for (index, outcome) in reruns.outcomes.enumerated() {
            guard let outcome else { continue }
            // A rerun that crashed counts as failed.
            let chain = outcome.result?.rerunResults ?? [outcome.result?.rerunPassed == true]
            outcomes[owners[index].key, default: []].append((owners[index].trial, chain))
        }
        var evidence: [Key: RerunEvidence] = [:]
        for key in keys {
            guard let results = outcomes[key] else { continue }
            evidence[key] = RerunTrials.evidence(
                records: records[key] ?? [], delays: targets[key.target].scenario.rerun.delays, results: results,
                workloadSeconds: workloadSeconds[key] ?? [])
        }
        return evidence
    }

    /// Phase 3: each variant's chosen policy applied to held-out seeds — the `validation_seeds` after the swept
    /// range, which measured neither p nor q — one job per seed with the policy's k reruns d apart
    /// (`PolicyValidation`). Only a `rerun` policy, or `none` for failures already under the target, predicts a
    /// residual to check; a variant whose validation did not finish (interrupted) gets none.
    private func validatePolicies(
        keys: [Key], policies: [RerunPolicy], executor: some SweepExecutor, progress: (any SweepProgress)?,
        isInterrupted: @escaping @Sendable () -> Bool
    ) throws -> [Key: PolicyValidation] {
        var jobs: [SweepJob] = []
        var owners: [Int] = []
        var heldOut: [(first: UInt64, count: Int)] = []
        for (index, key) in keys.enumerated() {
            let target = targets[key.target]
            let swept = seedCount ?? target.scenario.seedCount
            let count = target.scenario.rerun.validationSeedCount(sweptSeeds: swept)
            let first = firstSeed &+ UInt64(swept)
            heldOut.append((first, count))
            let policy = policies[index]
            guard count > 0, policy.action == .rerun || (policy.action == .none && policy.residualFailureRate > 0)
            else { continue }
            let delay = Duration.seconds(policy.delaySeconds).nanosecondsClamped
            for offset in 0..<UInt64(count) {
                jobs.append(SweepJob(
                    file: target.file, variant: key.variant, seed: first &+ offset,
                    rerunAfterNanoseconds: policy.reruns > 0 ? delay : nil,
                    reruns: policy.reruns > 0 ? policy.reruns : nil))
                owners.append(index)
            }
        }
        guard !jobs.isEmpty else { return [:] }
        // Progress counts a seed as failed when the policy did not save it.
        let results = try execute(jobs, on: executor, label: "validation", progress: progress, isInterrupted) {
            guard let record = $0.record else { return true }
            return !record.passed && !($0.rerunResults ?? []).contains(true)
        }
        var outcomes: [Int: [PolicyValidation.SeedOutcome]] = [:]
        for (position, outcome) in results.outcomes.enumerated() {
            guard let outcome else { continue }
            let seed: PolicyValidation.SeedOutcome
            switch outcome {
            case let .finished(result):
                if let error = result.error {
                    throw SweepError(file: jobs[position].file, seed: jobs[position].seed, message: error)
                }
                seed = PolicyValidation.SeedOutcome(
                    failure: result.record?.failure?.kind, reruns: result.rerunResults ?? [])
            case .crashed:
                seed = PolicyValidation.SeedOutcome(failure: .crash, reruns: [])
            }
            outcomes[owners[position], default: []].append(seed)
        }
        var validations: [Key: PolicyValidation] = [:]
        for (index, key) in keys.enumerated() {
            guard let seeds = outcomes[index], seeds.count == heldOut[index].count else { continue }
            validations[key] = PolicyValidation(
                policy: policies[index], firstSeed: heldOut[index].first, outcomes: seeds)
        }
        return validations
    }

    /// Runs one phase with progress; returns the outcomes and each job's wall time (for `wall_seconds`).
    private func execute(
        _ jobs: [SweepJob], on executor: some SweepExecutor, label: String, progress: (any SweepProgress)?,
        _ isInterrupted: @escaping @Sendable () -> Bool, failed: @escaping @Sendable (SweepJobResult) -> Bool
    ) throws -> (outcomes: [SweepJobOutcome?], wallSeconds: [Double]) {
        progress?.begin(label, total: jobs.count)
        let clock = JobWallClock(count: jobs.count)
        let events = SweepEvents(
            started: { clock.begin($0) },
            finished: { index, outcome in
                clock.end(index)
                progress?.advance(failed: outcome.result.map(failed) ?? true)
            },
            isInterrupted: isInterrupted)
        let outcomes = try executor.execute(jobs, events: events)
        progress?.finish()
        return (outcomes, clock.seconds)
    }
}

/// A job of a sweep that could not run at all (its scenario file no longer loads in the worker, say): the sweep stops,
/// since its report could not vouch for that variant.
public struct SweepError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var seed: UInt64
    public var message: String

    public var description: String { "\(file): seed \(seed): \(message)" }
}
