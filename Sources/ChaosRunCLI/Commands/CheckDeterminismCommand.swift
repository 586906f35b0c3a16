import ArgumentParser
import ChaosNet
import Foundation
import Scenarios

struct CheckDeterminismCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-determinism",
        abstract: "Runs each seed twice in separate processes and checks that both runs agree exactly.",
        discussion: """
            Both runs of a seed must end with the same failure (or none), the same virtual time and the same trace \
            digest. On a mismatch, the seed is run twice more with traces and the first differing trace event of \
            both runs is printed.

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
                jobList.append(SweepJob(file: file, variant: variant, seed: firstSeed.firstSeed &+ offset))
            }
        }
        // Two rounds, each on its own fresh worker processes.
        let first = try round(jobList).fingerprints
        let second = try round(jobList).fingerprints
        var mismatches: [Int] = []
        for index in jobList.indices {
            guard let a = first[index], let b = second[index] else { continue }
            if a != b { mismatches.append(index) }
        }
        let checked = jobList.indices.count { first[$0] != nil && second[$0] != nil }
        guard !mismatches.isEmpty else {
            print("\(target.scenario.name): \(checked) seed run(s) agreed across processes (digests, outcomes, times).")
            if checked < jobList.count { throw ExitCode(1) }
            return
        }
        print("\(target.scenario.name): \(mismatches.count) of \(checked) seed run(s) differ between processes.")
        let shown = Array(mismatches.prefix(3))
        let traced = shown.map { var job = jobList[$0]; job.trace = true; return job }
        let traceA = try round(traced).outcomes
        let traceB = try round(traced).outcomes
        for (position, index) in shown.enumerated() {
            let job = jobList[index]
            print("seed \(job.seed) (\(job.variant)):")
            print("  run 1: \(first[index] ?? "-")")
            print("  run 2: \(second[index] ?? "-")")
            let linesA = Self.trace(traceA[position])
            let linesB = Self.trace(traceB[position])
            if let difference = TraceDifference.between(linesA, linesB) {
                print("  first differing trace event (#\(difference.index)):")
                print("    run 1: \(difference.first ?? "(the trace ends here)")")
                print("    run 2: \(difference.second ?? "(the trace ends here)")")
            } else {
                print("  the traced reruns agreed: the difference depends on something outside the trace")
            }
        }
        throw ExitCode(1)
    }

    /// One round on fresh worker processes: each job's outcome, and its fingerprint (failure signature, virtual
    /// time, digest), nil for a job that did not run.
    private func round(_ jobs: [SweepJob]) throws -> (outcomes: [SweepJobOutcome?], fingerprints: [String?]) {
        let outcomes: [SweepJobOutcome?]
        do {
            outcomes = try WorkerPool(count: self.jobs.jobs).execute(
                jobs, events: SweepEvents(isInterrupted: { Interruption.isRequested }))
        } catch {
            throw BadInput("\(error)")
        }
        let fingerprints = outcomes.map { outcome -> String? in
            switch outcome {
            case let .finished(result)?:
                guard let record = result.record else { return "error: \(result.error ?? "no record")" }
                return "\(record.failure?.signature ?? "passed"), virtual \(record.virtualSeconds)s, "
                    + "digest \(record.digest)"
            case let .crashed(_, summary, _)?:
                return "crash: \(summary)"
            case nil:
                return nil
            }
        }
        return (outcomes, fingerprints)
    }

    private static func trace(_ outcome: SweepJobOutcome?) -> [String] {
        outcome?.result?.trace ?? []
    }
}
