import ArgumentParser
import Foundation
import Scenarios
import Triage

struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Reads JUnit XML from CI and reports which tests are flaky, with 95% intervals and rerun policies.",
        discussion: """
            Each INPUT (a JUnit XML file, or a directory read recursively for .xml files and other files whose root is \
            <testsuites> or <testsuite>) is one run; with --runs, \
            each row of the manifest is one more run, with its commit and time. A test is flaky when it passed and \
            failed on the same code: within one run (a pass on retry), or on one commit across runs. Verdicts are \
            flaky, broken (never passes), stable, or insufficient evidence, which says how many more runs would \
            decide it.

            Examples:
              chaos-run triage build/test-results --commit "$GIT_SHA" --report triage
              chaos-run triage --runs runs.csv --report triage
              chaos-run triage run1.xml run2.xml run3.xml

            The runs manifest is a CSV with the header path,commit,timestamp[,job]; relative paths are read next to \
            it. Without a manifest or --commit/--timestamp, a run's commit and time come from the files (suite \
            timestamps, CI variables among the suite properties), or stay unknown.

            Progress goes to standard error, the summary to standard output, and with --report DIR the files \
            report.json, report.md (schema in reports/README.md) and report.html, a self-contained page with charts.

            Each flaky test gets the cheapest rerun policy whose 95% upper bound reaches --target (default 0.1%), \
            exported as a pytest-rerunfailures marker, pytest.ini options and a nextest profile.

            Exit codes: 0 every file parsed, 1 some files (or manifest rows) were refused and are listed with \
            file:line, 2 bad usage or nothing could be read.
            """
    )

    @Argument(help: "JUnit XML files or directories; each is one run.")
    var inputs: [String] = []

    @Option(help: "A runs manifest (CSV: path,commit,timestamp[,job]); each row is one run.")
    var runs: String?

    @Option(help: "The commit every INPUT tested (not the manifest's rows, which name their own).")
    var commit: String?

    @Option(help: "When every INPUT ran, ISO 8601 (e.g. 2024-05-01T12:00:00Z).")
    var timestamp: String?

    @Option(help: "Write report.json, report.md and report.html into this directory (created if needed).")
    var report: String?

    @Option(help: "The residual failure rate a rerun policy must reach, as 0.001 or 0.1%.")
    var target = "0.1%"

    @Option(help: "The most reruns a policy may use (1...20).")
    var maxReruns = 5

    @Flag(help: "Print no progress.")
    var quiet = false

    /// `--target` as a probability; `validate` has checked it.
    private var targetRate: Double { ProbabilityText.parse(target) ?? 0 }

    func validate() throws {
        guard !inputs.isEmpty || runs != nil else {
            throw ValidationError("Give at least one JUnit file or directory, or a runs manifest with --runs.")
        }
        if let commit, commit.isEmpty || commit.contains(where: \.isWhitespace) {
            throw ValidationError("--commit must be one word (e.g. a SHA), got '\(commit)'.")
        }
        guard let rate = ProbabilityText.parse(target), rate > 0, rate < 1 else {
            throw ValidationError(
                "--target must be a rate strictly between 0 and 1, as 0.001 or 0.1%, got '\(target)'.")
        }
        guard (1...20).contains(maxReruns) else {
            throw ValidationError("--max-reruns must be between 1 and 20, got \(maxReruns).")
        }
        if let timestamp, RunTimestamp(timestamp) == nil {
            throw ValidationError(
                "--timestamp must be ISO 8601 like 2024-05-01T12:00:00Z, got '\(timestamp)'."
            )
        }
    }

    func run() throws {
        var manifest: RunManifest?
        if let runs {
            switch RunManifest.read(path: runs) {
            case .success(let read): manifest = read
            case .failure(let error): throw BadInput(error.description)
            }
        }
        let (history, refusals) = read(manifest: manifest)
        let settings = HistorySettings(rerun: RerunSettings(target: targetRate, rerunsMax: maxReruns))
        let triage = TriageReport(history: history, manifestRefusals: refusals, settings: settings)
        guard triage.totals.filesRead > 0 else {
            for refusal in triage.refused { printToStandardError(refusal.message) }
            throw BadInput("no JUnit file could be read from the \(triage.totals.runs) runs given")
        }
        if let report {
            do {
                try TriageReportWriter.write(triage, to: report)
            } catch {
                throw BadInput("cannot write the report: \(error)")
            }
        }
        print(TriageConsoleSummary.text(triage), terminator: "")
        if let report { print("Report: \(report)/report.json, report.md, report.html") }
        if !triage.refused.isEmpty { throw ExitCode(1) }
    }

    /// Every run, the manifest's rows first, with progress over all their files.
    private func read(manifest: RunManifest?) -> (TestHistory, [RunManifestError]) {
        let paths = (manifest.map { m in m.rows.map(m.resolvedPath) } ?? []) + inputs
        let fileCount = paths.map { JUnitInputReader().files(at: $0).files.count }.reduce(0, +)
        // Short inputs read in well under a second; progress lines would only clutter the output.
        let display = ProgressDisplay(
            total: fileCount, label: "reading JUnit files", quiet: quiet || fileCount < 50, failureLabel: "refused"
        )
        let reader = JUnitRunReader(inputReader: JUnitInputReader(fileRead: { _, refused in
            display.advance(failed: refused)
        }))
        var runs = manifest.map(reader.runs(manifest:)) ?? []
        let time = timestamp.flatMap(RunTimestamp.init)
        runs += inputs.map { reader.run(path: $0, commit: commit, timestamp: time) }
        display.finish()
        return (TestHistory(runs: runs), manifest?.refusals ?? [])
    }
}
