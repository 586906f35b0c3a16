import ChaosNet
import Foundation
import Scenarios
import Triage

/// Sweeps scenario variants over seeds on worker processes, then measures rerun evidence for variants whose failures
/// are all transient, and assembles one `VariantSweep` per variant.
///
/// Phase 1 runs every seed of every variant. Phase 2 reruns each transient failure inside its own world, once per
/// candidate delay (the seed replays exactly up to the failure, then waits the delay with the faults still on their
/// schedule), which measures q(d). Results are indexed by job, never by arrival, so `--jobs` cannot change a report.
struct SweepCoordinator {
    var targets: [SweepTarget]
    /// Seeds per variant; nil means each scenario's own `seeds`.
    var seedCount: Int?
    var firstSeed: UInt64
    var jobs: Int
    var quiet = false

    struct Outcome {
        var sweeps: [VariantSweep]
        var interrupted: Bool
    }

    private struct Key: Hashable {
        var target: Int
        var variant: ComponentVariant
    }

    func run() throws -> Outcome {
        let pool = WorkerPool(count: jobs, interrupted: { Interruption.isRequested })
        var keys: [Key] = []
        var firstJobs: [WorkerJob] = []
        var jobKeys: [Key] = []
        for (index, target) in targets.enumerated() {
            let count = seedCount ?? target.scenario.seedCount
            for variant in target.variants {
                let key = Key(target: index, variant: variant)
                keys.append(key)
                for offset in 0..<UInt64(count) {
                    firstJobs.append(WorkerJob(file: target.file, variant: variant.rawValue, seed: firstSeed &+ offset))
                    jobKeys.append(key)
                }
            }
        }
        let (firstResults, firstWall) = try timed(pool, firstJobs, label: "seeds") {
            $0.record.map { !$0.passed } ?? true
        }
        var records: [Key: [SeedRecord]] = [:]
        var workloadSeconds: [Key: [Double]] = [:]
        var wall: [Key: Double] = [:]
        for (index, result) in firstResults.enumerated() {
            guard let result else { continue }
            let key = jobKeys[index]
            let job = firstJobs[index]
            wall[key, default: 0] += firstWall[index]
            switch result {
            case let .reply(reply):
                if let error = reply.error { throw BadInput("\(job.file): seed \(job.seed): \(error)") }
                guard let record = reply.record else { continue }
                records[key, default: []].append(record)
                workloadSeconds[key, default: []].append(reply.workloadSeconds)
            case let .crash(summary, detail):
                records[key, default: []].append(crashRecord(job, summary: summary, detail: detail))
            }
        }
        var interrupted = Interruption.isRequested
        var evidence: [Key: RerunEvidence] = [:]
        if !interrupted {
            evidence = try measureReruns(keys: keys, records: records, workloadSeconds: workloadSeconds, pool: pool)
            interrupted = Interruption.isRequested
        }
        let sweeps = keys.map { key -> VariantSweep in
            let target = targets[key.target]
            let expectation = target.scenario.expectation(for: key.variant)
            let requested = seedCount ?? target.scenario.seedCount
            let finished = records[key] ?? []
            return VariantSweep(
                scenario: target.scenario.name, description: target.scenario.description, variant: key.variant.rawValue,
                file: target.file, requestedSeeds: requested, firstSeed: firstSeed, records: finished,
                rerunEvidence: evidence[key], rerunSettings: target.scenario.rerun.settings,
                maxFailureRate: expectation?.maxFailureRate, minFailureRate: expectation?.minFailureRate,
                maxDamagingRate: expectation?.maxDamagingRate,
                wallSeconds: wall[key] ?? 0, incomplete: finished.count < requested)
        }
        return Outcome(sweeps: sweeps, interrupted: interrupted)
    }

    /// q(d) for every variant whose failures are all transient (see `RerunTrials`).
    private func measureReruns(
        keys: [Key], records: [Key: [SeedRecord]], workloadSeconds: [Key: [Double]], pool: WorkerPool
    ) throws -> [Key: RerunEvidence] {
        var jobs: [WorkerJob] = []
        var owners: [(key: Key, trial: RerunTrials.Trial)] = []
        for key in keys {
            let target = targets[key.target]
            for trial in RerunTrials.trials(for: records[key] ?? [], delays: target.scenario.rerun.delays) {
                jobs.append(WorkerJob(
                    file: target.file, variant: key.variant.rawValue, seed: trial.seed,
                    rerunAfterNanoseconds: trial.delay.nanosecondsClamped))
                owners.append((key, trial))
            }
        }
        guard !jobs.isEmpty else { return [:] }
        let (results, _) = try timed(pool, jobs, label: "reruns") { $0.rerunPassed != true }
        var outcomes: [Key: [(trial: RerunTrials.Trial, passed: Bool)]] = [:]
        for (index, result) in results.enumerated() {
            guard let result else { continue }
            var passed = false
            if case let .reply(reply) = result { passed = reply.rerunPassed == true }
            outcomes[owners[index].key, default: []].append((owners[index].trial, passed))
        }
        var evidence: [Key: RerunEvidence] = [:]
        for (key, results) in outcomes {
            evidence[key] = RerunTrials.evidence(
                records: records[key] ?? [], delays: targets[key.target].scenario.rerun.delays, results: results,
                workloadSeconds: workloadSeconds[key] ?? [])
        }
        return evidence
    }

    /// Runs `jobs` with a progress display; returns the results and each job's wall time (for wall_seconds).
    private func timed(
        _ pool: WorkerPool, _ jobs: [WorkerJob], label: String, failed: @escaping @Sendable (WorkerReply) -> Bool
    ) throws -> ([WorkerPool.Result?], [Double]) {
        let progress = ProgressDisplay(total: jobs.count, label: label, quiet: quiet)
        let clock = ContinuousClock()
        let started = JobClock(count: jobs.count)
        let results = try pool.run(jobs, started: { started.begin($0, at: clock.now) }) { index, result in
            started.end(index, at: clock.now)
            var isFailure = true
            if case let .reply(reply) = result { isFailure = failed(reply) }
            progress.advance(failed: isFailure)
        }
        progress.finish()
        return (results, started.seconds)
    }

    private func crashRecord(_ job: WorkerJob, summary: String, detail: String) -> SeedRecord {
        let component = targets.first { $0.file == job.file }?.scenario.workload.component.rawValue ?? "workload"
        let signal = summary.split(separator: "(").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        return SeedRecord(
            seed: job.seed,
            failure: SeedFailure(
                kind: .crash, signature: "crash:\(component):\(signal ?? summary)", summary: summary, detail: detail),
            virtualSeconds: 0, digest: "")
    }
}

/// Wall time of each job, from the moment a pool thread sent it to the moment its result came back.
private final class JobClock: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [ContinuousClock.Instant?]
    private(set) var seconds: [Double]

    init(count: Int) {
        starts = Array(repeating: nil, count: count)
        seconds = Array(repeating: 0, count: count)
    }

    func begin(_ index: Int, at instant: ContinuousClock.Instant) {
        lock.lock()
        defer { lock.unlock() }
        starts[index] = instant
    }

    func end(_ index: Int, at instant: ContinuousClock.Instant) {
        lock.lock()
        defer { lock.unlock() }
        if let start = starts[index] { seconds[index] = (instant - start).secondsDouble }
    }
}
