import ArgumentParser
import ChaosNet
import Scenarios
import Triage

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Runs one seed of a scenario and prints its outcome, digest, figures and, with --trace, a timeline.",
        discussion: """
            The same seed replays the same world: the same interleaving, virtual timings, failure and trace digest \
            as in the sweep that reported it (with the same build configuration). Without --variant, every variant \
            the file declares is replayed in turn.

            Exit codes: 0 every replayed variant passed, 1 one failed, 2 bad input or usage.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(help: "The seed to replay.")
    var seed: UInt64

    @OptionGroup var variant: VariantOption

    @Flag(help: "Print the timeline of trace events with virtual timestamps.")
    var trace = false

    func run() throws {
        let target = try ScenarioTargets.load(file, variant: variant.variant)
        var anyFailed = false
        for (index, variant) in target.variants.enumerated() {
            if index > 0 { print("") }
            let run = target.runner.run(seed: seed, variant: variant, traceCapacity: trace ? SweepJob.fullTraceCapacity : 0)
            print("scenario: \(target.scenario.name) (\(variant))")
            for line in run.summaryLines { print(line) }
            if let failure = run.record.failure {
                anyFailed = true
                print("result: FAILED [\(failure.kind.rawValue)] \(failure.signature)")
                print("  \(failure.summary)")
                if !failure.detail.isEmpty { print("  detail: \(failure.detail)") }
            } else {
                print("result: passed")
            }
            let figures = ConsoleSummary.figureLines(FigureSummary([run.record]), indent: "")
            if !figures.isEmpty {
                print("figures:")
                for line in figures { print("  " + line) }
            }
            if trace {
                print("timeline:")
                for event in run.trace { print("  " + event.timelineLine) }
            }
        }
        if anyFailed { throw ExitCode(1) }
    }
}
