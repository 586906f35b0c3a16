import ArgumentParser
import Foundation
import Scenarios

struct CheckDeterminismCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-determinism",
        abstract: "Runs each seed twice in separate processes and checks that both runs agree exactly.",
        discussion: """
            Both runs of a seed must end with the same failure (or none), the same virtual time and the same trace \
            digest. On a mismatch, the seed is run twice more with traces and the first differing trace event of \
            both runs is printed, numbered from 1 as in the timeline of `replay --trace`. When those traces do not \
            differ, or a run sent back none (it crashed), what both runs ended with is printed instead.

            Exit codes: 0 every seed agreed, 1 a seed differed, 2 bad input or usage.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(help: "Seeds to check per variant (1...100000).")
    var seeds: Int = 20

    @OptionGroup var firstSeed: FirstSeedOption
    @OptionGroup var variant: VariantOption
    @OptionGroup var jobs: JobsOption

    func validate() throws {
        guard (1...100_000).contains(seeds) else {
            throw ValidationError("--seeds must be between 1 and 100000, got \(seeds).")
        }
    }

    func run() throws {
        let target = try ScenarioTargets.load(file, variant: variant.variant)
        Interruption.install()
        var jobList: [SweepJob] = []
        for variant in target.variants {
            for offset in 0..<UInt64(seeds) {
                let first = firstSeed.firstSeed ?? target.scenario.firstSeed ?? 1
                jobList.append(SweepJob(file: file, variant: variant, seed: first &+ offset))
            }
        }
        // Two rounds, each on its own fresh worker processes.
        let first = try round(jobList).map { $0?.fingerprint }
        let second = try round(jobList).map { $0?.fingerprint }
        var mismatches: [(index: Int, runs: (first: String, second: String))] = []
        for index in jobList.indices {
            guard let a = first[index], let b = second[index] else { continue }
            if a != b { mismatches.append((index, (a, b))) }
        }
        let checked = jobList.indices.count { first[$0] != nil && second[$0] != nil }
        guard !mismatches.isEmpty else {
            print("\(target.scenario.name): \(checked) seed run(s) agreed across processes (digests, outcomes, times).")
            if checked < jobList.count { throw ExitCode(1) }
            return
        }
        print("\(target.scenario.name): \(mismatches.count) of \(checked) seed run(s) differ between processes.")
        let shown = Array(mismatches.prefix(3))
        let tracedJobs = shown.map { var job = jobList[$0.index]; job.trace = true; return job }
        let tracedFirst = try round(tracedJobs)
        let tracedSecond = try round(tracedJobs)
        for (position, mismatch) in shown.enumerated() {
            let traced = (tracedFirst[position], tracedSecond[position])
            let report = DeterminismMismatch(job: jobList[mismatch.index], runs: mismatch.runs, traced: traced)
            for line in report.lines { print(line) }
        }
        throw ExitCode(1)
    }

    /// One round on fresh worker processes: each job's outcome, nil for a job that did not run.
    private func round(_ jobs: [SweepJob]) throws -> [SweepJobOutcome?] {
        do {
            return try WorkerPool(count: self.jobs.jobs).execute(
                jobs, events: SweepEvents(isInterrupted: { Interruption.isRequested }))
        } catch {
            throw BadInput("\(error)")
        }
    }
}
