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
            choose a rerun policy from evidence.

            Progress goes to standard error (a bar on a terminal, plain lines otherwise), the summary to standard \
            output, and with --report DIR the files report.json, report.md, junit.xml and report.html (self-contained: \
            charts drawn inline, nothing fetched). Ctrl-C stops handing out seeds and writes what finished, marked \
            incomplete.

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

    @Option(help: "Write report.json, report.md, junit.xml and report.html into this directory (created if needed).")
    var report: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one scenario file.") }
        if let seeds, !(1...1_000_000).contains(seeds) {
            throw ValidationError("--seeds must be between 1 and 1000000, got \(seeds).")
        }
    }

    func run() throws {
        let plan = SweepPlan(
            targets: try ScenarioTargets.load(files, variant: variant.variant), seedCount: seeds,
            firstSeed: firstSeed.firstSeed)
        Interruption.install()
        let outcome: SweepPlan.Outcome
        do {
            outcome = try plan.run(
                on: WorkerPool(count: jobs.jobs), progress: SweepProgressDisplay(quiet: quiet),
                isInterrupted: { Interruption.isRequested })
        } catch let error as WorkerPool.StartFailure {
            throw BadInput(error.description)
        } catch let error as SweepError {
            throw BadInput(error.description)
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
