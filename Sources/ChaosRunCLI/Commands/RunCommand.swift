import ArgumentParser
import Foundation
import Scenarios
import Triage

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Sweeps scenario files over many seeds in parallel worker processes and reports what failed.",
        discussion: """
            Runs every variant a file declares (or only --variant) for --seeds seeds starting at --first-seed, each \
            seed in its own simulated world on a worker process. A trap in one seed becomes a `crash` outcome with \
            its replay command, and the sweep goes on. Variants whose failures are all transient are then rerun \
            inside their own worlds after each candidate delay, to measure how often a rerun fails (q(d)) and \
            choose a rerun policy from evidence; the policy is then applied to held-out seeds after the swept range \
            (the scenario's rerun.validation_seeds), and the residual it leaves is reported beside the predicted one.

            Progress goes to standard error (a bar on a terminal, plain lines otherwise), the summary to standard \
            output, and with --report DIR the files report.json, report.md, junit.xml and report.html (self-contained: \
            charts drawn inline, nothing fetched). Ctrl-C stops handing out seeds and writes what finished, marked \
            incomplete.

            With --shard K/N (or --shard ci, from GitLab's CI_NODE_INDEX/CI_NODE_TOTAL) only the K-th of N \
            disjoint slices of the seeds runs (every variant's, with their reruns), and --report DIR gets the \
            partial report DIR/shard-K-of-N.json alone; `merge` adds the N partial reports up into the report one \
            run would have written. A shard exits 0 once its slice ran (expectations are judged at the merge).

            Exit codes: 0 every expectation met, 1 an expectation not met (or the sweep was interrupted), 2 bad \
            input or usage.
            """
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    @Option(help: "Seeds per variant (1...1000000); default: each file's own `seeds`.")
    var seeds: Int?

    @OptionGroup var firstSeed: FirstSeedOption
    @OptionGroup var jobs: JobsOption
    @OptionGroup var variant: VariantOption
    @OptionGroup var shard: ShardOption

    @Option(help: "Write report.json, report.md, junit.xml and report.html into this directory (created if needed).")
    var report: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one scenario file.") }
        if let seeds, !(1...1_000_000).contains(seeds) {
            throw ValidationError("--seeds must be between 1 and 1000000, got \(seeds).")
        }
        if shard.shard != nil, report == nil {
            throw ValidationError("--shard needs --report DIR: a shard's result is its partial report.")
        }
    }

    func run() throws {
        let plan = SweepPlan(
            targets: try ScenarioTargets.load(files, variant: variant.variant), seedCount: seeds,
            firstSeed: firstSeed.firstSeed)
        // Read before the sweep, so that a file edited while it runs cannot pass for the one swept.
        let digests = try files.map { file in
            guard let digest = SweepShardReport.FileDigest.of(path: file) else { throw BadInput("\(file): unreadable") }
            return digest
        }
        Interruption.install()
        let outcome: SweepPlan.Outcome
        do {
            outcome = try plan.run(
                on: WorkerPool(count: jobs.jobs), shard: shard.resolved ?? .whole,
                progress: SweepProgressDisplay(quiet: quiet), isInterrupted: { Interruption.isRequested })
        } catch let error as WorkerPool.StartFailure {
            throw BadInput(error.description)
        } catch let error as SweepError {
            throw BadInput(error.description)
        }
        if let slice = shard.resolved, let report {
            let partial = SweepShardReport(
                toolVersion: ChaosRunVersion.current, shard: slice, firstSeed: firstSeed.firstSeed, seeds: seeds,
                variant: variant.variant, files: digests, variants: outcome.data, interrupted: outcome.interrupted)
            try ShardReportFiles.write(partial, to: report)
            print(ShardReportFiles.summary(partial, sweeps: outcome.sweeps, directory: report))
            if outcome.interrupted {
                printToStandardError("Interrupted: the partial report covers the seeds that finished.")
                throw ExitCode(1)
            }
            return
        }
        let result = Report(sweeps: outcome.sweeps)
        if let report {
            do {
                try ReportWriter.write(result, to: report)
            } catch {
                throw BadInput("cannot write the report: \(error)")
            }
        }
        print(ConsoleSummary.text(result), terminator: "")
        if let report { print("Report: \(report)/report.json, report.md, junit.xml, report.html") }
        if outcome.interrupted { printToStandardError("Interrupted: the report covers the seeds that finished.") }
        if !result.expectationsMet { throw ExitCode(1) }
    }
}
