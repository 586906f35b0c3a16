import ChaosNet
import Triage

extension SweepPlan {
    /// Phase 1: this shard's seeds of every variant, in seed order.
    func measureFirstRuns(
        shard: SweepShard, on executor: some SweepExecutor, progress: (any SweepProgress)?,
        _ isInterrupted: @escaping @Sendable () -> Bool
    ) throws -> [VariantSweepData] {
        let keys = self.keys
        var data = keys.map { VariantSweepData(file: targets[$0.target].file, variant: $0.variant) }
        var jobs: [SweepJob] = []
        var owners: [Int] = []
        for (position, key) in keys.enumerated() {
            let target = targets[key.target]
            for offset in 0..<UInt64(sweptSeeds(target)) where shard.contains(offset: offset) {
                jobs.append(SweepJob(file: target.file, variant: key.variant, seed: firstSeed(of: target) &+ offset))
                owners.append(position)
            }
        }
        let first = try execute(jobs, on: executor, label: "seeds", progress: progress, isInterrupted) {
            $0.record.map { !$0.passed } ?? true
        }
        for (index, outcome) in first.outcomes.enumerated() {
            guard let outcome else { continue }
            let position = owners[index]
            let job = jobs[index]
            data[position].wallSeconds += first.wallSeconds[index]
            if let run = try firstRun(outcome, of: job, target: targets[keys[position].target]) {
                data[position].firstRuns.append(run)
            }
        }
        return data
    }

    /// What a seed's plain run gave, the same way in phase 1 and for held-out seeds: its record, or for a worker
    /// that died, the driver's crash; nil for a result without a record. A job that could not run stops the sweep.
    func firstRun(
        _ outcome: SweepJobOutcome, of job: SweepJob, target: Target
    ) throws -> VariantSweepData.FirstRun? {
        switch outcome {
        case let .finished(result):
            if let error = result.error { throw SweepError(file: job.file, seed: job.seed, message: error) }
            return result.record.map { .init(record: $0, workloadSeconds: result.workloadSeconds) }
        case let .crashed(cause, summary, detail):
            let failure = FailureClassifier.crash(
                component: target.runner.driver.name, cause: cause, summary: summary, detail: detail)
            return .init(record: SeedRecord(seed: job.seed, failure: failure), workloadSeconds: nil)
        }
    }

    /// Phase 2: rerun chains for every variant whose failures are all transient (see `RerunTrials`).
    func measureReruns(
        _ data: inout [VariantSweepData], on executor: some SweepExecutor, progress: (any SweepProgress)?,
        _ isInterrupted: @escaping @Sendable () -> Bool
    ) throws {
        let keys = self.keys
        var jobs: [SweepJob] = []
        var owners: [(position: Int, trial: RerunTrials.Trial)] = []
        for (position, key) in keys.enumerated() {
            let target = targets[key.target]
            let records = data[position].firstRuns.map(\.record)
            for trial in RerunTrials.trials(for: records, delays: target.scenario.rerun.delays) {
                jobs.append(SweepJob(
                    file: target.file, variant: key.variant, seed: trial.seed,
                    rerunAfterNanoseconds: trial.delay.nanosecondsClamped, reruns: target.scenario.rerun.rerunsMax))
                owners.append((position, trial))
            }
        }
        guard !jobs.isEmpty else { return }
        let reruns = try execute(jobs, on: executor, label: "reruns", progress: progress, isInterrupted) {
            $0.rerunPassed != true
        }
        for (index, outcome) in reruns.outcomes.enumerated() {
            guard let outcome else { continue }
            let owner = owners[index]
            data[owner.position].wallSeconds += reruns.wallSeconds[index]
            data[owner.position].reruns.append(.init(
                seed: owner.trial.seed, delayIndex: owner.trial.delayIndex, results: Self.chain(outcome)))
        }
    }

    /// Phase 3: the held-out seeds after the swept range (`rerun.validation_seeds`, dealt like the swept ones),
    /// run once, and each transient failure among them rerun after every candidate delay, as phase 2 does.
    ///
    /// A whole sweep runs them only for a variant whose chosen policy predicts a residual to check (`rerun`, or
    /// `none` for failures already under the target). A shard cannot know the policy, which depends on every
    /// shard, so it runs them unless its own seeds show a failure that is never rerun: then the variant's policy is
    /// `fix` whatever the other shards saw, and nothing is validated. Where validation is due, every shard has
    /// therefore run its share.
    func measureHeldOut(
        _ data: inout [VariantSweepData], shard: SweepShard, on executor: some SweepExecutor,
        progress: (any SweepProgress)?, _ isInterrupted: @escaping @Sendable () -> Bool
    ) throws {
        let keys = self.keys
        let needed: [Bool]
        if shard.isWhole {
            let sweeps = assemble(data)
            needed = sweeps.map { ScenarioReport($0).policy.rerunPolicy.predictsResidual }
        } else {
            needed = data.map { slice in slice.firstRuns.allSatisfy { $0.record.failure?.kind.mayBeRerun ?? true } }
        }
        var jobs: [SweepJob] = []
        var owners: [Int] = []
        for (position, key) in keys.enumerated() where needed[position] {
            let target = targets[key.target]
            let range = heldOutRange(target)
            data[position].heldOut = []
            for offset in 0..<UInt64(range.count) where shard.contains(offset: offset) {
                jobs.append(SweepJob(file: target.file, variant: key.variant, seed: range.first &+ offset))
                owners.append(position)
            }
        }
        guard !jobs.isEmpty else { return }
        let first = try execute(jobs, on: executor, label: "held-out seeds", progress: progress, isInterrupted) {
            $0.record.map { !$0.passed } ?? true
        }
        // By job index, which is seed order within each variant.
        var runs: [Int: (position: Int, run: VariantSweepData.HeldOutRun)] = [:]
        var chainJobs: [SweepJob] = []
        var chainOwners: [(job: Int, delayIndex: Int)] = []
        for (index, outcome) in first.outcomes.enumerated() {
            guard let outcome else { continue }
            let position = owners[index]
            let job = jobs[index]
            data[position].wallSeconds += first.wallSeconds[index]
            let target = targets[keys[position].target]
            guard let firstRun = try firstRun(outcome, of: job, target: target) else { continue }
            let failure = firstRun.record.failure?.kind
            let rerun = target.scenario.rerun
            let transient = failure?.mayBeRerun == true
            let chains = transient ? Array(repeating: [Bool](), count: rerun.delays.count) : []
            runs[index] = (position, .init(seed: job.seed, failure: failure, chains: chains))
            guard transient else { continue }
            for (delayIndex, delay) in rerun.delays.enumerated() {
                chainJobs.append(SweepJob(
                    file: job.file, variant: job.variant, seed: job.seed,
                    rerunAfterNanoseconds: delay.nanosecondsClamped, reruns: rerun.rerunsMax))
                chainOwners.append((index, delayIndex))
            }
        }
        var unfinished: Set<Int> = []
        if !chainJobs.isEmpty {
            let chains = try execute(
                chainJobs, on: executor, label: "held-out reruns", progress: progress, isInterrupted
            ) { $0.rerunPassed != true }
            for (index, outcome) in chains.outcomes.enumerated() {
                let owner = chainOwners[index]
                guard let outcome, var entry = runs[owner.job] else {
                    unfinished.insert(owner.job)
                    continue
                }
                data[entry.position].wallSeconds += chains.wallSeconds[index]
                entry.run.chains[owner.delayIndex] = Self.chain(outcome)
                runs[owner.job] = entry
            }
        }
        // A seed whose chains did not all finish (interrupted) is left out, which leaves the variant unvalidated.
        for job in runs.keys.sorted() where !unfinished.contains(job) {
            guard let entry = runs[job] else { continue }
            data[entry.position].heldOut?.append(entry.run)
        }
    }

    /// The held-out seeds of `target`: the first seed after the swept range, and how many.
    func heldOutRange(_ target: Target) -> (first: UInt64, count: Int) {
        let swept = sweptSeeds(target)
        return (firstSeed(of: target) &+ UInt64(swept), target.scenario.rerun.validationSeedCount(sweptSeeds: swept))
    }

    /// A rerun job's chain; a job that crashed counts as one failed rerun.
    static func chain(_ outcome: SweepJobOutcome) -> [Bool] {
        outcome.result?.rerunResults ?? [outcome.result?.rerunPassed == true]
    }

    /// Runs one phase with progress; returns the outcomes and each job's wall time (for `wall_seconds`).
    func execute(
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
